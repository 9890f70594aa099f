package io.textback.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.support.AppClient;
import io.textback.support.AppTests;
import io.textback.support.Fixtures;
import io.textback.support.ScaledTimeAppTest;
import io.textback.support.TwilioStandIn;
import io.textback.support.TwilioStandInServer;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An account that takes only so many requests at once: Twilio's 429 makes the node send fewer texts
 * at once, for every account it serves, until Twilio has taken enough again. Every other recipe's
 * texts queue behind this test's for as long, so it runs while no other class of the scaled-time
 * app does ({@link ScaledTimeAppTest#TWILIO_PACE}).
 */
@ExcludeFromProcessCoverage
@ScaledTimeAppTest
@ResourceLock(value = ScaledTimeAppTest.TWILIO_PACE, mode = ResourceAccessMode.READ_WRITE)
class AccountConcurrencyLimitTest {

    static final TwilioStandInServer twilio = TwilioStandIn.ofScaledTimeApp();

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;

    AppClient app;
    Account account;

    @BeforeEach
    void setUp() {
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Okafor Joinery");
    }

    @Test
    void anAccountThatAllowsTenRequestsAtOnceGetsEveryTextOnceAndFewRefusals() {
        // Twilio as fast as Twilio, on an account that takes 10 requests at once: a node sending its
        // usual 100 at once meets 429s, and sends fewer at once until they stop.
        twilio.acceptTextsFromWithAccountLimit(account.defaultNumber(), Duration.ofMillis(250), 10);
        try {
            var callers = new ArrayList<String>();
            for (int i = 0; i < 300; i++) {
                String caller = Fixtures.newCaller();
                callers.add(caller);
                missedCall(caller);
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> callers.stream().allMatch(c -> twilio.textsTakenFor(c).size() == 1));
            // Sending at full speed again after each 429 refuses a few hundred texts a second; each text
            // refused costs no retry, but Twilio and the account's other clients see every one.
            assertThat(twilio.refusedAsTooMany()).as("texts refused with 429, against 300 taken").isLessThan(300);
            for (String c : callers) {
                assertThat(twilio.textsTakenFor(c)).as(c).hasSize(1);
            }
        } finally {
            twilio.liftAccountLimit();
        }
    }

    private void missedCall(String caller) {
        var response = app.twilio("/twilio/voice/dial-complete", Map.of("CallSid", Fixtures.newCallSid(),
                "From", caller, "To", account.defaultNumber(), "DialCallStatus", "no-answer"),
                TwilioStandIn.AUTH_TOKEN, AppTests.PUBLIC_URL);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
