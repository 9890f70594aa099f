package io.textback.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.AppProcess;
import io.textback.support.AppProcessTest;
import io.textback.support.Fixtures;
import io.textback.support.Postgres;
import io.textback.support.RequiresService;
import io.textback.support.TwilioStandIn;
import io.textback.support.TwilioStandInServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The production topology of docker-compose.yml without Docker: two app processes with the
 * {@code postgres} profile on one PostgreSQL database, behind one public URL. Webhooks land on
 * either node; each missed call is texted once, a webhook repeated on the other node starts
 * nothing, and simultaneous calls from one caller on both nodes agree on which one is the first.
 * Then one node is lost: killed with SIGKILL while texts go out and others wait, the other node
 * sends every text once, in time. Both tests run on the same two nodes, the node loss last. The
 * nodes lock jobs and sends for 10 and 15 s (the app ships with 30 and 40 s), so that the survivor
 * takes over the lost node's work sooner; the node loss test's bound follows the lock time.
 */
@AppProcessTest
// Both methods use the same two nodes: one after the other (a class holding a lock runs its methods in turn).
@ResourceLock("postgres-cluster-nodes")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterTest {

    static final String PUBLIC_URL = "https://textback.example.com";
    static final String DEMO_NUMBER = "+15005550006";
    static final String ONCE_NUMBER = "+13125550188";
    // The recommended recipe's 20-minute wait becomes 12 s.
    static final double TIME_SCALE = 0.01;
    static final Duration WAIT = Duration.ofMillis(Math.round(Duration.ofMinutes(20).toMillis() * TIME_SCALE));
    static final int CALLS_PER_WAVE = 100;

    TwilioStandInServer twilio;
    Postgres database;
    AppProcess nodeA;
    AppProcess nodeB;
    List<AppClient> nodes;

    @BeforeAll
    void startTwoNodesOnOneDatabase() {
        RequiresService.require("PostgreSQL cluster test", Postgres.unavailableBecause());
        twilio = TwilioStandInServer.start();
        database = Postgres.createDatabase();
        Map<String, String> env = environment(database, twilio);
        nodeA = AppProcess.start("cluster-node-a", AppProcess.freePort(), env);
        Duration firstStart = nodeA.awaitHealthy(AppProcess.START_LIMIT);
        nodeB = AppProcess.start("cluster-node-b", AppProcess.freePort(), env);
        Duration secondStart = nodeB.awaitHealthy(AppProcess.START_LIMIT);
        System.out.printf("cluster: node A healthy in %d ms (new schema), node B in %d ms%n",
                firstStart.toMillis(), secondStart.toMillis());
        nodes = List.of(new AppClient(nodeA.port()), new AppClient(nodeB.port()));
    }

    @AfterAll
    void stopNodes() {
        for (AutoCloseable closeable : new AutoCloseable[] {nodeB, nodeA, database, twilio}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("cluster: closing " + closeable + " failed: " + e);
                }
            }
        }
    }

    @Test
    @Order(1)
    void twoNodesOnOneDatabaseTextEachMissedCallOnce() throws Exception {
        twilio.acceptTexts();
        List<String> callers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String caller = Fixtures.newCaller();
            String callSid = Fixtures.newCallSid();
            callers.add(caller);
            var missed = missedCall(nodes.get(i % 2), callSid, caller, DEMO_NUMBER);
            assertThat(missed.statusCode()).as(missed.body()).isEqualTo(200);
            var repeated = missedCall(nodes.get((i + 1) % 2), callSid, caller, DEMO_NUMBER);
            assertThat(repeated.statusCode()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> callers.stream()
                .allMatch(caller -> twilio.textsSentTo(caller).size() >= 1));
        Thread.sleep(2000);
        for (String caller : callers) {
            assertThat(twilio.textsSentTo(caller)).as("texts to " + caller).hasSize(1);
        }
        var log = nodes.get(1).getAsAdmin("/api/messages?accountId=demo&limit=100");
        assertThat(log.body().split("\"providerSid\":\"SM", -1)).hasSize(21);

        simultaneousCallsFromOneCallerWaitOnceAcrossBothNodes();
    }

    /**
     * Ten rounds of five missed calls from one caller at the same moment, to the recommended recipe,
     * spread over both nodes: each round leaves exactly one recipe waiting, and one text when it is over.
     */
    private void simultaneousCallsFromOneCallerWaitOnceAcrossBothNodes() throws Exception {
        List<String> callers = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(5);
        try {
            for (int round = 0; round < 10; round++) {
                String caller = Fixtures.newCaller();
                callers.add(caller);
                var start = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int call = 0; call < 5; call++) {
                    AppClient node = nodes.get(call % 2);
                    String callSid = Fixtures.newCallSid();
                    answers.add(pool.submit(() -> {
                        start.await();
                        return missedCall(node, callSid, caller, ONCE_NUMBER).statusCode();
                    }));
                }
                start.countDown();
                for (var answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
                // The call log as the owner reads it: one call of the five waits (or, on a machine slow
                // enough for the wait to have passed, was texted); the four others are repeat calls.
                assertThat(outcomesOfCallsFrom(caller)).as("outcomes of the calls in round " + round)
                        .containsOnlyOnce("first").hasSize(5)
                        .containsOnly("first", "repeat-call");
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> callers.stream()
                .allMatch(caller -> twilio.textsTakenFor(caller).size() >= 1));
        Thread.sleep(2000);
        for (String caller : callers) {
            assertThat(twilio.textsTakenFor(caller)).as("texts to " + caller).hasSize(1);
        }
    }

    /** The outcome of each call from this caller, as the call log shows it; waiting or texted read "first". */
    private List<String> outcomesOfCallsFrom(String caller) throws Exception {
        var page = new ObjectMapper().readTree(nodes.get(1)
                .getAsAdmin("/api/calls?accountId=cluster-once&size=200").body());
        List<String> outcomes = new ArrayList<>();
        for (var call : page.get("calls")) {
            if (caller.equals(call.get("caller").asText())) {
                String outcome = call.get("outcome").asText();
                outcomes.add(outcome.equals("waiting") || outcome.equals("texted") ? "first" : outcome);
            }
        }
        return outcomes;
    }

    /**
     * 200 missed calls on the recommended recipe spread over both nodes, in two waves. Node A is killed
     * with SIGKILL once the first wave's texts are going out (it may hold locks on jobs it had acquired)
     * while every recipe of the second wave still waits. Node B sends every text exactly once, each
     * within a minute of its due time plus the job lock time.
     */
    @Test
    @Order(2)
    void survivingNodeSendsEveryTextOnceWithinAMinuteOfItsDueTimePlusTheLockTime() throws Exception {
        twilio.acceptTexts();
        Map<String, Instant> dueAt = new ConcurrentHashMap<>();
        List<String> secondWave = new ArrayList<>();
        // The job lock time, as the node's health reports it.
        Duration lockTime = Duration.ofMillis(new ObjectMapper()
                .readTree(nodes.get(1).get("/actuator/health").body())
                .at("/components/textback/details/jobLockTimeMillis").asLong());
        assertThat(lockTime).isPositive();

        Instant firstWave = Instant.now();
        missedCalls(dueAt);
        Thread.sleep(Math.max(0, WAIT.dividedBy(2).toMillis()
                - Duration.between(firstWave, Instant.now()).toMillis()));
        secondWave.addAll(missedCalls(dueAt));

        await().atMost(WAIT.plusSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !twilio.textsSent().isEmpty());
        nodeA.kill();
        assertThat(secondWave).as("second wave still waiting when node A dies")
                .allSatisfy(caller -> assertThat(twilio.textsSentTo(caller)).isEmpty());

        await().atMost(WAIT.plus(lockTime).plusSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> twilio.textsSent().size() >= 2 * CALLS_PER_WAVE);
        Thread.sleep(2000);
        Duration latest = Duration.ZERO;
        for (var call : dueAt.entrySet()) {
            List<LoggedRequest> texts = twilio.textsSentTo(call.getKey());
            assertThat(texts).as("texts to " + call.getKey()).hasSize(1);
            Duration late = Duration.between(call.getValue(), texts.get(0).getLoggedDate().toInstant());
            latest = late.compareTo(latest) > 0 ? late : latest;
        }
        System.out.printf("node loss: %d texts, each once, the latest %d ms after its due time%n",
                dueAt.size(), latest.toMillis());
        assertThat(latest).isLessThanOrEqualTo(lockTime.plusSeconds(60));
    }

    /** One wave of missed calls from new callers, alternating between the nodes; each caller's text is due after the wait. */
    private List<String> missedCalls(Map<String, Instant> dueAt) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_WAVE; i++) {
                AppClient node = nodes.get(i % 2);
                calls.add(clients.submit(() -> {
                    String caller = Fixtures.newCaller();
                    Instant calledAt = Instant.now();
                    HttpResponse<String> missed = missedCall(node, Fixtures.newCallSid(), caller, ONCE_NUMBER);
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

    private static HttpResponse<String> missedCall(AppClient node, String callSid, String caller, String to) {
        return node.twilio("/twilio/voice/dial-complete", Map.of("CallSid", callSid, "From", caller, "To", to,
                "DialCallStatus", "no-answer"), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
    }

    private static Map<String, String> environment(Postgres database, TwilioStandInServer twilio) {
        var env = new HashMap<String, String>();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("TEXTBACK_DB_URL", database.url());
        env.put("TEXTBACK_DB_USER", database.user());
        env.put("TEXTBACK_ADMIN_PASSWORD", AppClient.ADMIN_PASSWORD);
        env.put("TEXTBACK_PUBLIC_BASE_URL", PUBLIC_URL);
        env.put("TEXTBACK_RECIPES_DIR", java.nio.file.Path.of("bpmn").toAbsolutePath().toString());
        env.put("TWILIO_ACCOUNT_SID", TwilioStandIn.ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", TwilioStandIn.AUTH_TOKEN);
        env.put("TWILIO_API_BASE_URL", twilio.baseUrl());
        env.put("TEXTBACK_RECIPE_TIME_SCALE", String.valueOf(TIME_SCALE));
        // A lost node's jobs and sends are taken over once their locks run out.
        env.put("TEXTBACK_JOB_LOCK_TIME_MILLIS", "10000");
        env.put("TEXTBACK_SENDING_LOCK", "15s");
        env.put("SPRING_APPLICATION_JSON", "{\"textback\":{\"accounts\":[{\"id\":\"cluster-once\",\"businessName\":"
                + "\"Cluster Carpets\",\"numbers\":[\"" + ONCE_NUMBER + "\"],\"forwardingNumbers\":[\"+13125550100\"],"
                + "\"recipeKey\":\"" + MissedCallTextBackOnce.KEY + "\"}]}}");
        return env;
    }
}
