package io.textback.cluster;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static io.textback.support.TwilioStandIn.textsTakenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.AppProcess;
import io.textback.support.Fixtures;
import io.textback.support.Postgres;
import io.textback.support.RequiresService;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

/**
 * The production topology of docker-compose.yml without Docker: two app processes with the
 * {@code postgres} profile on one PostgreSQL database, behind one public URL. Webhooks land on
 * either node; each missed call is texted once, a webhook repeated on the other node starts
 * nothing, and simultaneous calls from one caller on both nodes agree on which one is the first.
 */
class PostgresClusterTest {

    static final String PUBLIC_URL = "https://textback.example.com";
    static final String DEMO_NUMBER = "+15005550006";
    static final String ONCE_NUMBER = "+13125550188";

    @Test
    void twoNodesOnOneDatabaseTextEachMissedCallOnce() throws Exception {
        RequiresService.require("PostgreSQL cluster test", Postgres.unavailableBecause());
        TwilioStandIn.acceptTexts();
        try (Postgres database = Postgres.createDatabase()) {
            Map<String, String> env = environment(database);
            try (AppProcess first = AppProcess.start("cluster-node-1", AppProcess.freePort(), env)) {
                Duration firstStart = first.awaitHealthy(Duration.ofSeconds(90));
                try (AppProcess second = AppProcess.start("cluster-node-2", AppProcess.freePort(), env)) {
                    Duration secondStart = second.awaitHealthy(Duration.ofSeconds(90));
                    System.out.printf("cluster: node 1 healthy in %d ms (new schema), node 2 in %d ms%n",
                            firstStart.toMillis(), secondStart.toMillis());
                    List<AppClient> nodes = List.of(new AppClient(first.port()), new AppClient(second.port()));

                    List<String> callers = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        String caller = Fixtures.newCaller();
                        String callSid = Fixtures.newCallSid();
                        callers.add(caller);
                        var missed = missedCall(nodes.get(i % 2), callSid, caller);
                        assertThat(missed.statusCode()).as(missed.body()).isEqualTo(200);
                        var repeated = missedCall(nodes.get((i + 1) % 2), callSid, caller);
                        assertThat(repeated.statusCode()).isEqualTo(200);
                    }

                    await().atMost(Duration.ofSeconds(30)).until(() -> callers.stream()
                            .allMatch(caller -> textsSentTo(caller).size() >= 1));
                    Thread.sleep(2000);
                    for (String caller : callers) {
                        assertThat(textsSentTo(caller)).as("texts to " + caller).hasSize(1);
                    }
                    var log = nodes.get(1).getAsAdmin("/api/messages?accountId=demo&limit=100");
                    assertThat(log.body().split("\"providerSid\":\"SM", -1)).hasSize(21);

                    simultaneousCallsFromOneCallerWaitOnceAcrossBothNodes(nodes);
                }
            }
        }
    }

    /**
     * Ten rounds of five missed calls from one caller at the same moment, to the recommended recipe,
     * spread over both nodes: each round leaves exactly one recipe waiting, and one text when it is over.
     */
    private static void simultaneousCallsFromOneCallerWaitOnceAcrossBothNodes(List<AppClient> nodes) throws Exception {
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
                var waiting = nodes.get(0).getAsAdmin("/engine-rest/process-instance/count?activityIdIn=WaitTime"
                        + "&variables=caller_eq_" + URLEncoder.encode(caller, StandardCharsets.UTF_8));
                assertThat(waiting.body()).as("recipes waiting in round " + round).isEqualTo("{\"count\":1}");
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> callers.stream()
                .allMatch(caller -> textsTakenFor(caller).size() >= 1));
        Thread.sleep(2000);
        for (String caller : callers) {
            assertThat(textsTakenFor(caller)).as("texts to " + caller).hasSize(1);
        }
    }

    private static java.net.http.HttpResponse<String> missedCall(AppClient node, String callSid, String caller) {
        return missedCall(node, callSid, caller, DEMO_NUMBER);
    }

    private static java.net.http.HttpResponse<String> missedCall(AppClient node, String callSid, String caller,
                                                                 String to) {
        return node.twilio("/twilio/voice/dial-complete", Map.of("CallSid", callSid, "From", caller, "To", to,
                "DialCallStatus", "no-answer"), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
    }

    private static Map<String, String> environment(Postgres database) {
        var env = new HashMap<String, String>();
        env.put("SPRING_PROFILES_ACTIVE", "postgres");
        env.put("TEXTBACK_DB_URL", database.url());
        env.put("TEXTBACK_DB_USER", database.user());
        env.put("TEXTBACK_ADMIN_PASSWORD", AppClient.ADMIN_PASSWORD);
        env.put("TEXTBACK_PUBLIC_BASE_URL", PUBLIC_URL);
        env.put("TEXTBACK_RECIPES_DIR", java.nio.file.Path.of("bpmn").toAbsolutePath().toString());
        env.put("TWILIO_ACCOUNT_SID", TwilioStandIn.ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", TwilioStandIn.AUTH_TOKEN);
        env.put("TWILIO_API_BASE_URL", TwilioStandIn.server().baseUrl());
        // The recommended recipe's 20 minutes become 12 seconds.
        env.put("TEXTBACK_RECIPE_TIME_SCALE", "0.01");
        env.put("SPRING_APPLICATION_JSON", "{\"textback\":{\"accounts\":[{\"id\":\"cluster-once\",\"businessName\":"
                + "\"Cluster Carpets\",\"numbers\":[\"" + ONCE_NUMBER + "\"],\"forwardingNumbers\":[\"+13125550100\"],"
                + "\"recipeKey\":\"" + MissedCallTextBackOnce.KEY + "\"}]}}");
        return env;
    }
}
