package io.textback.calls;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static io.textback.support.TwilioStandIn.textsTakenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.textback.recipes.MissedCallTextBack;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.AppProcess;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waits are timers in the database: an app killed while a recipe waits sends the text once,
 * when due, after it is started again; and one killed after Twilio took a text, before the app
 * recorded it, asks Twilio after the restart instead of sending it again.
 */
class RestartDuringWaitTest {

    static final String BUSINESS_NUMBER = "+13125550177";

    @TempDir
    Path data;

    @Test
    void appKilledDuringAWaitSendsTheTextOnceWhenDueAfterRestart() throws Exception {
        TwilioStandIn.acceptTexts();
        int port = AppProcess.freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        String caller = Fixtures.newCaller();
        Map<String, String> env = environment(publicUrl);

        long missedAt;
        try (AppProcess first = AppProcess.start("restart-first", port, env)) {
            first.awaitHealthy(Duration.ofSeconds(90));
            var response = new AppClient(port).twilio("/twilio/voice/dial-complete", Map.of("CallSid",
                    Fixtures.newCallSid(), "From", caller, "To", BUSINESS_NUMBER, "DialCallStatus", "no-answer"),
                    TwilioStandIn.AUTH_TOKEN, publicUrl);
            missedAt = System.nanoTime();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            first.kill();
        }
        assertThat(textsSentTo(caller)).as("nothing sent before the wait is over").isEmpty();

        try (AppProcess second = AppProcess.start("restart-second", port, env)) {
            second.awaitHealthy(Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                    .until(() -> textsSentTo(caller).size() == 1);
            assertThat(Duration.ofNanos(System.nanoTime() - missedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
            Thread.sleep(3000);
            assertThat(textsSentTo(caller)).hasSize(1);
        }
    }

    @Test
    void appKilledAfterTwilioTookTheTextButBeforeItWasRecordedDoesNotSendItAgain() throws Exception {
        TwilioStandIn.acceptTexts();
        int port = AppProcess.freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        String caller = Fixtures.newCaller();
        Map<String, String> env = environment(publicUrl);
        env.put("SPRING_APPLICATION_JSON", env.get("SPRING_APPLICATION_JSON").replace(MissedCallTextBackOnce.KEY,
                MissedCallTextBack.KEY));
        // Twilio takes the text at once and answers after the app is gone.
        TwilioStandIn.answerTextsInTurn(caller, TwilioStandIn.created().withFixedDelay(60_000));

        try (AppProcess first = AppProcess.start("kill-while-sending", port, env)) {
            first.awaitHealthy(Duration.ofSeconds(90));
            var response = new AppClient(port).twilio("/twilio/voice/dial-complete", Map.of("CallSid",
                    Fixtures.newCallSid(), "From", caller, "To", BUSINESS_NUMBER, "DialCallStatus", "no-answer"),
                    TwilioStandIn.AUTH_TOKEN, publicUrl);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> textsTakenFor(caller).size() == 1);
            first.kill();
        }

        try (AppProcess second = AppProcess.start("restart-after-kill", port, env)) {
            second.awaitHealthy(Duration.ofSeconds(90));
            var app = new AppClient(port);
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "queued".equals(String.valueOf(app.messagesTo(caller).get(0).get("status"))));
            assertThat(app.messagesTo(caller)).singleElement().satisfies(text ->
                    assertThat(text.get("providerSid")).isEqualTo(textsTakenFor(caller).get(0)));
            assertThat(textsSentTo(caller)).as("the restarted app asked Twilio instead of sending").hasSize(1);
        }
    }

    private Map<String, String> environment(String publicUrl) {
        var env = new HashMap<String, String>();
        env.put("TEXTBACK_DB_URL", "jdbc:h2:file:" + data.resolve("textback").toAbsolutePath() + ";WRITE_DELAY=0");
        env.put("TEXTBACK_ADMIN_PASSWORD", AppClient.ADMIN_PASSWORD);
        env.put("TEXTBACK_PUBLIC_BASE_URL", publicUrl);
        env.put("TEXTBACK_RECIPES_DIR", Path.of("bpmn").toAbsolutePath().toString());
        // 20 minutes become 12 seconds
        env.put("TEXTBACK_RECIPE_TIME_SCALE", "0.01");
        env.put("TWILIO_ACCOUNT_SID", TwilioStandIn.ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", TwilioStandIn.AUTH_TOKEN);
        env.put("TWILIO_API_BASE_URL", TwilioStandIn.server().baseUrl());
        env.put("TEXTBACK_DEMO_ACCOUNT", "false");
        // A killed node's sends are fetched again once their lock runs out.
        env.put("TEXTBACK_SENDING_LOCK", "5s");
        env.put("SPRING_APPLICATION_JSON", "{\"textback\":{\"accounts\":[{\"id\":\"restart\",\"businessName\":"
                + "\"Restart Repairs\",\"numbers\":[\"" + BUSINESS_NUMBER + "\"],\"forwardingNumbers\":[\"+13125550100\"],"
                + "\"recipeKey\":\"" + MissedCallTextBackOnce.KEY + "\"}]}}");
        return env;
    }
}
