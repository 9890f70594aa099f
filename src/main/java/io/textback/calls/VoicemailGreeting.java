package io.textback.calls;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Say;
import io.textback.accounts.Account;
import org.springframework.stereotype.Component;

/** What a caller hears before leaving a voicemail. */
@Component
class VoicemailGreeting {

    void addTo(VoiceResponse.Builder response, Account account) {
        response.say(new Say.Builder("You have reached " + account.businessName()
                + ". Sorry we missed your call. Please leave a message after the tone.").build());
    }
}
