package io.textback.messaging;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.contacts.ContactRepository;
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sending is safe to repeat: whatever fails around it, a text goes out once. */
@EngineTest
class TextingServiceTest {

    @Autowired
    TextingService texting;
    @Autowired
    AccountService accounts;
    @Autowired
    ContactRepository contacts;

    Account account;
    String caller;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
        account = Fixtures.newAccount(accounts, "Okafor Dental");
        caller = Fixtures.newCaller();
    }

    @Test
    void repeatedAttemptAfterTwilioTookTheTextSendsNothingAgain() {
        var request = request("job:repeat-" + caller);

        TextMessage first = texting.send(request);
        TextMessage second = texting.send(request);

        assertThat(textsSentTo(caller)).hasSize(1);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.providerSid()).isEqualTo(first.providerSid());
    }

    @Test
    void optedOutCallerIsNeverTexted() {
        contacts.setOptedOut(account.id(), caller, true);

        TextMessage result = texting.send(request("job:optout-" + caller));

        assertThat(result.status()).isEqualTo("opted-out");
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void unsubscribedErrorFromTwilioOptsTheCallerOut() {
        TwilioStandIn.answerTextsTo(caller, TwilioStandIn.twilioError(400, 21610,
                "Attempt to send to unsubscribed recipient"));

        TextMessage result = texting.send(request("job:unsub-" + caller));

        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.errorCode()).isEqualTo("21610");
        assertThat(contacts.isOptedOut(account.id(), caller)).isTrue();
    }

    private TextingService.Request request(String key) {
        return new TextingService.Request(key, account, caller, "Hi {{contact.first_name|there}}, {{business.name}} here.",
                null, null);
    }
}
