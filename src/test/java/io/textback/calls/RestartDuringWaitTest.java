package io.textback.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import io.textback.recipes.MissedCallTextBack;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.AppProcess;
import io.textback.support.AppProcessTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import io.textback.support.TwilioStandInServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Waits are timers in the database: an app killed while recipes wait sends each text once, when
 * due, after it is started again; and one killed after Twilio took a text, before the app recorded
 * it, asks Twilio after the restart instead of sending it again; and one killed just after it
 * recorded a text (a record the app does not wait to see in the file) sends it no second time. One app is killed with all calls
 * in that state, moments after it answered them, and started again on the same H2 file, which H2
 * writes in the background as the app's default settings have it: every call the app answered
 * must be in the file (see {@code H2GroupCommit}).
 */
@AppProcessTest
@ResourceLock(AppProcessTest.TURNS)
class RestartDuringWaitTest {

    /** An account on the recommended recipe: a text 20 minutes after the call (12 s here). */
    static final String WAITING_NUMBER = "+13125550177";
    /** An account on the built-in recipe: a text at once. */
    static final String SENDING_NUMBER = "+13125550178";
    /** Missed calls on the recommended recipe, each from another caller, answered just before the kill. */
    static final int WAITING_CALLS = 12;

    @TempDir
    Path data;

    @Test
    void appKilledDuringAWaitOrAfterTwilioTookATextSendsEachTextOnceAfterRestart() throws Exception {
        int port = AppProcess.freePort();
        String publicUrl = "http://127.0.0.1:" + port;
        List<String> waitingCallers = Stream.generate(Fixtures::newCaller).limit(WAITING_CALLS).toList();
        String sendingCaller = Fixtures.newCaller();
        String recordedCaller = Fixtures.newCaller();
        try (TwilioStandInServer twilio = TwilioStandInServer.start()) {
            Map<String, String> env = environment(publicUrl, twilio);
            // Twilio takes the text at once and answers after the app is gone.
            twilio.answerTextsInTurn(sendingCaller, TwilioStandIn.created().withFixedDelay(60_000));

            long missedAt;
            try (AppProcess first = AppProcess.start("restart-first", port, env)) {
                first.awaitHealthy(AppProcess.START_LIMIT);
                var app = new AppClient(port);
                // Answered together, so that their commits share writes to the file.
                var clients = Executors.newFixedThreadPool(WAITING_CALLS);
                List<HttpResponse<String>> waiting = waitingCallers.stream().map(caller -> CompletableFuture.supplyAsync(
                        () -> missedCall(app, publicUrl, caller, WAITING_NUMBER), clients)).toList()
                        .stream().map(CompletableFuture::join).toList();
                clients.shutdown();
                missedAt = System.nanoTime();
                assertThat(waiting).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));
                var sending = missedCall(app, publicUrl, sendingCaller, SENDING_NUMBER);
                assertThat(sending.statusCode()).as(sending.body()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                        .until(() -> twilio.textsTakenFor(sendingCaller).size() == 1);
                // Twilio answers at once and the app records the text within a few tens of milliseconds,
                // a commit that does not wait for the file: killed 150 ms after Twilio took it, the record
                // is often not in the file yet (H2 writes it within its 500 ms write delay). Asking the
                // app would not do: its answer waits for a write, which would carry the record.
                var recorded = missedCall(app, publicUrl, recordedCaller, SENDING_NUMBER);
                assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                        .until(() -> twilio.textsTakenFor(recordedCaller).size() == 1);
                Thread.sleep(150);
                first.kill();
            }
            assertThat(waitingCallers).as("nothing sent before the wait is over")
                    .allSatisfy(caller -> assertThat(twilio.textsSentTo(caller)).isEmpty());

            try (AppProcess second = AppProcess.start("restart-second", port, env)) {
                second.awaitHealthy(AppProcess.START_LIMIT);
                var app = new AppClient(port);

                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                        .until(() -> !app.messagesTo(sendingCaller).isEmpty() && "queued".equals(
                                String.valueOf(app.messagesTo(sendingCaller).get(0).get("status"))));
                assertThat(app.messagesTo(sendingCaller)).singleElement().satisfies(text ->
                        assertThat(text.get("providerSid")).isEqualTo(twilio.textsTakenFor(sendingCaller).get(0)));
                assertThat(twilio.textsSentTo(sendingCaller)).as("the restarted app asked Twilio instead of sending")
                        .hasSize(1);
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                        .until(() -> "queued".equals(statusOfTextTo(app, recordedCaller)));
                assertThat(twilio.textsSentTo(recordedCaller)).as(() -> "a text recorded just before the kill, not sent "
                        + "again; what the restarted app said of Twilio and its texts:\n" + String.join("\n",
                        second.logLines().stream().filter(line -> line.contains("Twilio GET") || line.contains("Twilio POST")
                                || line.contains("not sent")).toList()))
                        .hasSize(1);

                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(waitingCallers).as("each answered call is texted after the restart")
                                .allSatisfy(caller -> assertThat(twilio.textsSentTo(caller)).isNotEmpty()));
                assertThat(Duration.ofNanos(System.nanoTime() - missedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
                Thread.sleep(3000);
                assertThat(waitingCallers).allSatisfy(caller -> assertThat(twilio.textsSentTo(caller)).hasSize(1));
                assertThat(twilio.textsSentTo(sendingCaller)).hasSize(1);
                assertThat(twilio.textsSentTo(recordedCaller)).hasSize(1);
            }
        }
    }

    /** The status of the one text to this caller in the app's message log, or null before there is one. */
    private static String statusOfTextTo(AppClient app, String caller) {
        var texts = app.messagesTo(caller);
        return texts.isEmpty() ? null : String.valueOf(texts.get(0).get("status"));
    }

    private static HttpResponse<String> missedCall(AppClient app, String publicUrl, String caller,
                                                                 String to) {
        return app.twilio("/twilio/voice/dial-complete", Map.of("CallSid", Fixtures.newCallSid(), "From", caller,
                "To", to, "DialCallStatus", "no-answer"), TwilioStandIn.AUTH_TOKEN, publicUrl);
    }

    private Map<String, String> environment(String publicUrl, TwilioStandInServer twilio) {
        var env = new HashMap<String, String>();
        // The default URL, only elsewhere: H2 writes in the background, the app waits for each commit's write.
        env.put("TEXTBACK_H2_FILE", data.resolve("textback").toAbsolutePath().toString());
        env.put("TEXTBACK_ADMIN_PASSWORD", AppClient.ADMIN_PASSWORD);
        env.put("TEXTBACK_PUBLIC_BASE_URL", publicUrl);
        env.put("TEXTBACK_RECIPES_DIR", Path.of("bpmn").toAbsolutePath().toString());
        // 20 minutes become 12 seconds
        env.put("TEXTBACK_RECIPE_TIME_SCALE", "0.01");
        env.put("TWILIO_ACCOUNT_SID", TwilioStandIn.ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", TwilioStandIn.AUTH_TOKEN);
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("TEXTBACK_DEMO_ACCOUNT", "false");
        // A killed node's sends are fetched again once their lock runs out.
        env.put("TEXTBACK_SENDING_LOCK", "5s");
        env.put("SPRING_APPLICATION_JSON", "{\"textback\":{\"accounts\":["
                + account("restart", "Restart Repairs", WAITING_NUMBER, MissedCallTextBackOnce.KEY) + ","
                + account("restart-send", "Restart Roofing", SENDING_NUMBER, MissedCallTextBack.KEY) + "]}}");
        return env;
    }

    private static String account(String id, String businessName, String number, String recipeKey) {
        return "{\"id\":\"" + id + "\",\"businessName\":\"" + businessName + "\",\"numbers\":[\"" + number
                + "\"],\"forwardingNumbers\":[\"+13125550100\"],\"recipeKey\":\"" + recipeKey + "\"}";
    }
}
