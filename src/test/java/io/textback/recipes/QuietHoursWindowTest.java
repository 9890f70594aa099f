package io.textback.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quiet hours that span midnight (the default 21:00-08:00) and ones within a day. */
class QuietHoursWindowTest {

    @ParameterizedTest
    @CsvSource({
            "21:00, 08:00, 21:00, true",
            "21:00, 08:00, 23:30, true",
            "21:00, 08:00, 00:00, true",
            "21:00, 08:00, 07:59, true",
            "21:00, 08:00, 08:00, false",
            "21:00, 08:00, 20:59, false",
            "12:00, 13:30, 12:45, true",
            "12:00, 13:30, 13:30, false",
            "12:00, 13:30, 11:59, false"})
    void within(String from, String until, String time, boolean quiet) {
        assertThat(QuietHours.within(LocalTime.parse(time), LocalTime.parse(from), LocalTime.parse(until)))
                .isEqualTo(quiet);
    }
}
