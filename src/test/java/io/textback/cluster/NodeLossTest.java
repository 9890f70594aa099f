package io.textback.cluster;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.AppProcess;
import io.textback.support.Fixtures;
import io.textback.support.Postgres;
import io.textback.support.RequiresService;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

/**
 * Losing a node: two nodes on PostgreSQL, 200 missed calls on the recommended recipe spread over
 * both, in two waves. Node A is killed with SIGKILL once the first wave's texts are going out
 * (it may hold locks on jobs it had acquired) while every recipe of the second wave still waits.
 * Node B sends every text exactly once, each within a minute of its due time plus the job lock
 * time the app ships with.
 */
class NodeLossTest {

    static final String PUBLIC_URL = "https://textback.example.com";
    static final String BUSINESS_NUMBER = "+13125550188";
    // The recipe's 20-minute wait becomes 15 s.
    static final double TIME_SCALE = 0.0125;
    static final Duration WAIT = Duration.ofMillis(Math.round(Duration.ofMinutes(20).toMillis() * TIME_SCALE));
    static final int CALLS_PER_WAVE = 100;

    @Test
    void survivingNodeSendsEveryTextOnceWithinAMinuteOfItsDueTimePlusTheLockTime() throws Exception {
        RequiresService.require("PostgreSQL node loss test", Postgres.unavailableBecause());
        TwilioStandIn.acceptTexts();
        Map<String, Instant> dueAt = new ConcurrentHashMap<>();
        List<String> secondWave = new ArrayList<>();
        try (Postgres database = Postgres.createDatabase()) {
            Map<String, String> env = environment(database);
            try (AppProcess nodeA = AppProcess.start("node-loss-a", AppProcess.freePort(), env)) {
                nodeA.awaitHealthy(Duration.ofSeconds(90));
                try (AppProcess nodeB = AppProcess.start("node-loss-b", AppProcess.freePort(), env)) {
                    nodeB.awaitHealthy(Duration.ofSeconds(90));
                    List<AppClient> nodes = List.of(new AppClient(nodeA.port()), new AppClient(nodeB.port()));
                    // The lock time the app ships with, as its health reports it.
                    Duration lockTime = Duration.ofMillis(new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(nodes.get(1).get("/actuator/health").body())
                            .at("/components/textback/details/jobLockTimeMillis").asLong());
                    assertThat(lockTime).isPositive();

                    Instant firstWave = Instant.now();
                    missedCalls(nodes, dueAt);
                    Thread.sleep(Math.max(0, WAIT.dividedBy(2).toMillis()
                            - Duration.between(firstWave, Instant.now()).toMillis()));
                    secondWave.addAll(missedCalls(nodes, dueAt));

                    await().atMost(WAIT.plusSeconds(30)).pollInterval(Duration.ofMillis(100))
                            .until(() -> !sentTexts().isEmpty());
                    nodeA.kill();
                    assertThat(secondWave).as("second wave still waiting when node A dies")
                            .allSatisfy(caller -> assertThat(textsSentTo(caller)).isEmpty());

                    await().atMost(WAIT.plus(lockTime).plusSeconds(60)).pollInterval(Duration.ofMillis(500))
                            .until(() -> sentTexts().size() >= 2 * CALLS_PER_WAVE);
                    Thread.sleep(2000);
                    Duration latest = Duration.ZERO;
                    for (var call : dueAt.entrySet()) {
                        List<LoggedRequest> texts = textsSentTo(call.getKey());
                        assertThat(texts).as("texts to " + call.getKey()).hasSize(1);
                        Duration late = Duration.between(call.getValue(), texts.get(0).getLoggedDate().toInstant());
                        latest = late.compareTo(latest) > 0 ? late : latest;
                    }
                    System.out.printf("node loss: %d texts, each once, the latest %d ms after its due time%n",
                            dueAt.size(), latest.toMillis());
                    assertThat(latest).isLessThanOrEqualTo(lockTime.plusSeconds(60));
                }
            }
        }
    }

    /** One wave of missed calls from new callers, alternating between the nodes; each caller's text is due after the wait. */
    private static List<String> missedCalls(List<AppClient> nodes, Map<String, Instant> dueAt) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_WAVE; i++) {
                AppClient node = nodes.get(i % 2);
                calls.add(clients.submit(() -> {
                    String caller = Fixtures.newCaller();
                    Instant calledAt = Instant.now();
                    HttpResponse<String> missed = node.twilio("/twilio/voice/dial-complete", Map.of("CallSid",
                            Fixtures.newCallSid(), "From", caller, "To", BUSINESS_NUMBER, "DialCallStatus", "no-answer"),
                            TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
                    assertThat(missed.statusCode()).as(missed.body()).isEqualTo(200);
                    dueAt.put(caller, calledAt.plus(WAIT));
                    return caller;
                }));
            }
            List<String> callers = new ArrayList<>();
            for (Future<String> call : calls) {
                callers.add(call.get());
            }
            return callers;
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<LoggedRequest> sentTexts() {
        return TwilioStandIn.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(TwilioStandIn.MESSAGES_PATH)));
    }

    private static Map<String, String> environment(Postgres database) {
        var env = new java.util.HashMap<String, String>();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("TEXTBACK_DB_URL", database.url());
        env.put("TEXTBACK_DB_USER", database.user());
        env.put("TEXTBACK_ADMIN_PASSWORD", AppClient.ADMIN_PASSWORD);
        env.put("TEXTBACK_PUBLIC_BASE_URL", PUBLIC_URL);
        env.put("TEXTBACK_RECIPES_DIR", java.nio.file.Path.of("bpmn").toAbsolutePath().toString());
        env.put("TEXTBACK_RECIPE_TIME_SCALE", String.valueOf(TIME_SCALE));
        env.put("TWILIO_ACCOUNT_SID", TwilioStandIn.ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", TwilioStandIn.AUTH_TOKEN);
        env.put("TWILIO_API_BASE_URL", TwilioStandIn.server().baseUrl());
        env.put("TEXTBACK_DEMO_ACCOUNT", "false");
        env.put("SPRING_APPLICATION_JSON", "{\"textback\":{\"accounts\":[{\"id\":\"node-loss\",\"businessName\":"
                + "\"Node Loss Heating\",\"numbers\":[\"" + BUSINESS_NUMBER + "\"],\"forwardingNumbers\":[\"+13125550100\"],"
                + "\"recipeKey\":\"" + MissedCallTextBackOnce.KEY + "\"}]}}");
        return env;
    }
}
