package io.textback.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Say;
import io.textback.accounts.Account;
import io.textback.calls.VoicemailGreetings;
import io.textback.system.PublicUrls;
import org.springframework.stereotype.Component;

/** What a caller hears before leaving a voicemail: the account's uploaded greeting, else a spoken one. */
@Component
class VoicemailGreeting {

    private final VoicemailGreetings greetings;
    private final PublicUrls urls;

    VoicemailGreeting(VoicemailGreetings greetings, PublicUrls urls) {
        this.greetings = greetings;
        this.urls = urls;
    }

    void addTo(VoiceResponse.Builder response, Account account) {
        var uploaded = greetings.find(account.id());
        if (uploaded.isPresent()) {
            response.play(new Play.Builder(urls.absolute(uploaded.get().path())).build());
            return;
        }
        response.say(new Say.Builder("You have reached " + account.businessName()
                + ". Sorry we missed your call. Please leave a message after the tone.").build());
    }
}
