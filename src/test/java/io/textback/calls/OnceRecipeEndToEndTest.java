package io.textback.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.accounts.NewAccount;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.AppTests;
import io.textback.support.Fixtures;
import io.textback.support.ScaledTimeAppTest;
import io.textback.support.TwilioStandIn;
import io.textback.support.TwilioStandInServer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The recommended recipe through the webhooks of the running app, with recipe time scaled down
 * (TEXTBACK_RECIPE_TIME_SCALE=0.005): the 20-minute wait and window last 6 seconds, 5 minutes 1.5 s.
 * Each test has its own account and caller, and spends its time waiting on the recipe's wait: the tests
 * run at the same time when test threads are free.
 */
@ExcludeFromProcessCoverage
@ScaledTimeAppTest
class OnceRecipeEndToEndTest {

    static final String PUBLIC_URL = "https://textback.example.com";
    static final TwilioStandInServer twilio = TwilioStandIn.ofScaledTimeApp();
    static final String API_KEY = AppTests.API_KEY;
    static final Duration SCALED_20_MINUTES = Duration.ofSeconds(6);

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    HistoryService history;

    AppClient app;
    Account account;
    String caller;

    @BeforeEach
    void setUp() {
        app = new AppClient(port);
        String number = "+1312" + (2000000 + (int) (Math.random() * 7000000));
        account = accounts.create(new NewAccount("once-" + number.substring(5), "Haddad Heating", List.of(number),
                number, List.of("+13125550111"), MissedCallTextBackOnce.KEY));
        caller = Fixtures.newCaller();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void threeMissedCallsInAMinuteGetOneTextWhenTheWaitIsOver() {
        long start = System.nanoTime();
        String first = missedCall();
        missedCall();
        missedCall();

        sleepUntil(start, SCALED_20_MINUTES.minusSeconds(2));
        assertThat(twilio.textsSentTo(caller)).as("no text before the wait is over").isEmpty();
        await().atMost(Duration.ofSeconds(15)).until(() -> twilio.textsSentTo(caller).size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SCALED_20_MINUTES);
        await().atMost(Duration.ofSeconds(5)).until(() -> endedAt(first, "TextSent"));
        sleep(Duration.ofSeconds(2));
        assertThat(twilio.textsSentTo(caller)).hasSize(1);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void callerWhoGetsThroughOnALaterCallGetsNoText() {
        String missed = missedCall();

        String answered = Fixtures.newCallSid();
        signed("/twilio/voice/incoming", Map.of("CallSid", answered, "From", caller, "To", account.defaultNumber()));
        signed("/twilio/voice/dial-complete", Map.of("CallSid", answered, "From", caller, "To", account.defaultNumber(),
                "DialCallStatus", "completed"));

        await().atMost(Duration.ofSeconds(5)).until(() -> endedAt(missed, "CallerReached"));
        sleep(SCALED_20_MINUTES.plusSeconds(1));
        assertThat(twilio.textsSentTo(caller)).isEmpty();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void businessCallingBackThroughTheGenericWebhookStopsTheText() {
        String missed = missedCall();

        var callBack = app.postJson("/api/missed-calls", "{\"callId\":\"out-" + caller.substring(5)
                + "\",\"direction\":\"outbound\",\"answered\":true,\"from\":\"" + account.defaultNumber()
                + "\",\"to\":\"" + caller + "\"}", Map.of("X-Api-Key", API_KEY));

        assertThat(callBack.statusCode()).as(callBack.body()).isEqualTo(202);
        assertThat(callBack.body()).contains("\"recipesNotified\":1");
        await().atMost(Duration.ofSeconds(5)).until(() -> endedAt(missed, "CallerReached"));
        assertThat(twilio.textsSentTo(caller)).isEmpty();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void businessCallingBackThroughTwilioStopsTheText() {
        String missed = missedCall();

        signed("/twilio/voice/status", Map.of("CallSid", Fixtures.newCallSid(), "From", account.defaultNumber(),
                "To", caller, "CallStatus", "completed", "Direction", "outbound-api", "CallDuration", "42"));

        await().atMost(Duration.ofSeconds(5)).until(() -> endedAt(missed, "CallerReached"));
        assertThat(twilio.textsSentTo(caller)).isEmpty();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void textFromTheCallerDuringTheWaitStopsTheText() {
        String missed = missedCall();

        var reply = signed("/twilio/messaging/incoming", Map.of("MessageSid", "SM" + caller.substring(2),
                "From", caller, "To", account.defaultNumber(), "Body", "Hi, can you call me back?"));

        assertThat(reply.body()).contains("<Response");
        await().atMost(Duration.ofSeconds(5)).until(() -> endedAt(missed, "CallerTexted"));
        assertThat(twilio.textsSentTo(caller)).isEmpty();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void missedCallTwentyFiveMinutesAfterATextedOneGetsASecondText() {
        long start = System.nanoTime();
        missedCall();
        await().atMost(Duration.ofSeconds(15)).until(() -> twilio.textsSentTo(caller).size() == 1);

        sleepUntil(start, Duration.ofMillis(7500));
        missedCall();

        await().atMost(Duration.ofSeconds(15)).until(() -> twilio.textsSentTo(caller).size() == 2);
    }

    private String missedCall() {
        String callSid = Fixtures.newCallSid();
        var response = signed("/twilio/voice/dial-complete", Map.of("CallSid", callSid, "From", caller,
                "To", account.defaultNumber(), "DialCallStatus", "no-answer"));
        assertThat(response.body()).contains("<Record");
        return callSid;
    }

    private java.net.http.HttpResponse<String> signed(String path, Map<String, String> params) {
        var response = app.twilio(path, params, TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 204);
        return response;
    }

    private boolean endedAt(String callSid, String endEvent) {
        var instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(callSid).singleResult();
        return instance != null && instance.getEndTime() != null && endEvent.equals(instance.getEndActivityId());
    }

    private static void sleepUntil(long startNanos, Duration offset) {
        long remaining = offset.toNanos() - (System.nanoTime() - startNanos);
        if (remaining > 0) {
            sleep(Duration.ofNanos(remaining));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
