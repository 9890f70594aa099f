package io.textback.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import org.junit.jupiter.api.Test;

/** The webhooks' TwiML answers are the SDK's own XML, written once for each distinct answer. */
class TwimlXmlTest {

    @Test
    void theSameVoicemailIsWrittenOnceAndAsTheSdkWritesIt() {
        String first = TwimlXml.of(voicemail(new Say.Builder("You have reached Acme Plumbing.").build()));
        String again = TwimlXml.of(voicemail(new Say.Builder("You have reached Acme Plumbing.").build()));

        assertThat(first).isEqualTo(voicemail(new Say.Builder("You have reached Acme Plumbing.").build()).toXml())
                .contains("<Say>You have reached Acme Plumbing.</Say>", "action=\"https://textback.example/twilio/voice/recording\"");
        assertThat(again).as("written once, then reused").isSameAs(first);
    }

    @Test
    void anotherGreetingIsAnotherAnswer() {
        String said = TwimlXml.of(voicemail(new Say.Builder("You have reached Acme Roofing.").build()));
        var played = voicemail(new Play.Builder("https://textback.example/media/greetings/acme.mp3").build());

        assertThat(TwimlXml.of(played)).isEqualTo(played.toXml()).isNotEqualTo(said)
                .contains("<Play>https://textback.example/media/greetings/acme.mp3</Play>");
    }

    @Test
    void keepsAtMostItsLimit() {
        for (int i = 0; i < TwimlXml.KEPT + 10; i++) {
            var answer = voicemail(new Say.Builder("You have reached business " + i + ".").build());
            assertThat(TwimlXml.of(answer)).isEqualTo(answer.toXml());
            assertThat(TwimlXml.kept()).isLessThanOrEqualTo(TwimlXml.KEPT);
        }
    }

    private static VoiceResponse voicemail(Say greeting) {
        return new VoiceResponse.Builder().say(greeting).record(recording()).hangup(new Hangup.Builder().build()).build();
    }

    private static VoiceResponse voicemail(Play greeting) {
        return new VoiceResponse.Builder().play(greeting).record(recording()).hangup(new Hangup.Builder().build()).build();
    }

    private static Record recording() {
        return new Record.Builder().action("https://textback.example/twilio/voice/recording").maxLength(120)
                .playBeep(true).build();
    }
}
