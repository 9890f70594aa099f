package io.textback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void plainTextOf160CharactersIsOneGsmSegment() {
        assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments("GSM-7", 160, 1));
        assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments("GSM-7", 161, 2));
        assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void oneEmojiTurnsTheTextIntoUcs2WithSeventyCharactersASegment() {
        var withEmoji = SmsSegments.of("a".repeat(68) + "😀");
        assertThat(withEmoji).isEqualTo(new SmsSegments("UCS-2", 70, 1));
        assertThat(SmsSegments.of("a".repeat(69) + "😀")).isEqualTo(new SmsSegments("UCS-2", 71, 2));
        assertThat(SmsSegments.of("a".repeat(159) + "😀").segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersCountTwice() {
        assertThat(SmsSegments.of("€".repeat(80))).isEqualTo(new SmsSegments("GSM-7", 160, 1));
        assertThat(SmsSegments.of("€".repeat(81)).segments()).isEqualTo(2);
    }
}
