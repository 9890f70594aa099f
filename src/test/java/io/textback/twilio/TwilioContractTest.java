package io.textback.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.messaging.TextMessageLog;
import io.textback.support.AppClient;
import io.textback.support.AppTests;
import io.textback.support.AppWithTwilioStandInTest;
import io.textback.support.Fixtures;
import io.textback.support.Prism;
import io.textback.support.RequiresService;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The text of a missed call goes through the real SDK to Prism serving Twilio's OpenAPI
 * description, which refuses any request that breaks Twilio's contract; the message log keeps
 * the sid Prism answers with (the spec's example). The app is the one of the other tests with the
 * Twilio stand-in, which hands the texts to this test's caller over to Prism as they came.
 */
@EnabledIf("prismCanRun")
@AppWithTwilioStandInTest
class TwilioContractTest {

    static Prism prism;

    /** Asked before anything starts, so a missing Prism skips the class (or fails it in CI) instead of its context. */
    static boolean prismCanRun() {
        return RequiresService.available("Twilio contract test (Prism)", Prism.unavailableBecause());
    }

    @BeforeAll
    static void startPrism() {
        prism = Prism.start();
    }

    @AfterAll
    static void stopPrism() {
        if (prism != null) {
            prism.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    TextMessageLog messages;

    @Test
    void missedCallTextPassesTwilioContractAndKeepsTheProviderSid() {
        Account account = Fixtures.newAccount(accounts, "Contract Carpentry");
        String caller = Fixtures.newCaller();
        TwilioStandIn.answerTextsTo(caller, aResponse().proxiedFrom(prism.baseUrl()));
        var params = Map.of("CallSid", Fixtures.newCallSid(), "From", caller, "To", account.defaultNumber(),
                "DialCallStatus", "no-answer");

        var response = new AppClient(port).twilio("/twilio/voice/dial-complete", params, TwilioStandIn.AUTH_TOKEN,
                AppTests.PUBLIC_URL);

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(messages.find(account.id(), caller,
                null, 5)).singleElement().satisfies(text -> {
                    assertThat(text.status()).as("Prism's verdict: %s", text.errorMessage()).isEqualTo("queued");
                    assertThat(text.providerSid()).isEqualTo("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
                }));
        assertThat(prism.log()).contains("[VALIDATOR] ✔  success   The request passed the validation rules")
                .doesNotContain("violation");
    }
}
