package io.textback.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.messaging.TextMessageLog;
import io.textback.support.AppClient;
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.Prism;
import io.textback.support.RequiresService;
import io.textback.support.SignedWebhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The text of a missed call goes through the real SDK to Prism serving Twilio's OpenAPI
 * description, which refuses any request that breaks Twilio's contract; the message log keeps
 * the sid Prism answers with (the spec's example).
 */
@EnabledIf("prismCanRun")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "textback.public-base-url=https://textback.example.com")
// Its own app and Prism: it runs beside the others in a thread that is free, never beside a test that
// moves the engine's clock.
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = EngineTest.CLOCK, mode = ResourceAccessMode.READ)
class TwilioContractTest {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "contract-test-token";
    static Prism prism;

    /** Asked before anything starts, so a missing Prism skips the class (or fails it in CI) instead of its context. */
    static boolean prismCanRun() {
        return RequiresService.available("Twilio contract test (Prism)", Prism.unavailableBecause());
    }

    @DynamicPropertySource
    static void prism(DynamicPropertyRegistry registry) {
        prism = Prism.start();
        registry.add("textback.twilio.account-sid", () -> ACCOUNT_SID);
        registry.add("textback.twilio.auth-token", () -> AUTH_TOKEN);
        registry.add("textback.twilio.api-base-url", prism::baseUrl);
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
        var params = Map.of("CallSid", Fixtures.newCallSid(), "From", caller, "To", account.defaultNumber(),
                "DialCallStatus", "no-answer");
        String signature = SignedWebhooks.signature(AUTH_TOKEN,
                "https://textback.example.com/twilio/voice/dial-complete", params);

        var response = new AppClient(port).twilioUnsigned("/twilio/voice/dial-complete", params, signature);

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
