package io.textback.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.textback.support.AppClient;
import io.textback.support.AppProcess;
import io.textback.support.Postgres;
import io.textback.support.RequiresService;
import io.textback.support.SignedWebhooks;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The targets of DESIGN.md, measured on the running app (a separate JVM, as in production) with
 * Twilio's stand-in in this JVM. Prints figures; run with {@code ./mvnw verify -Pbenchmark}
 * ({@code -Dbench.db=postgres} for PostgreSQL, {@code -Dbench.waiting=100000} for the memory figure,
 * {@code -Dbench.seconds=30} for the length of the load).
 */
@Tag("benchmark")
class MissedCallBenchmarkTest {

    static final String PUBLIC_URL = "https://textback.example.com";
    static final String DEMO_NUMBER = "+15005550006";
    static final String ONCE_NUMBER = "+13125550188";
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    static final Duration LOAD = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
    static final int WAITING = Integer.getInteger("bench.waiting", 10_000);

    @TempDir
    Path data;

    final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CONCURRENCY)).build();
    final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 10_000);

    @Test
    void missedCallTargets() throws Exception {
        boolean postgres = "postgres".equals(System.getProperty("bench.db", "h2"));
        Postgres database = null;
        if (postgres) {
            RequiresService.require("PostgreSQL benchmark", Postgres.unavailableBecause());
            database = Postgres.createDatabase();
        }
        TwilioStandIn.acceptTexts();
        int port = AppProcess.freePort();
        Map<String, String> env = environment(database);
        report("database", postgres ? "PostgreSQL " + database.url() : "H2 file " + data);
        try (AppProcess app = AppProcess.start("bench-first-start", port, env)) {
            report("healthy after start on a new database", app.awaitHealthy(Duration.ofSeconds(120)).toMillis() + " ms");
        }
        try (AppProcess app = AppProcess.start("bench", port, env)) {
            report("healthy after start on an existing database", app.awaitHealthy(Duration.ofSeconds(120)).toMillis()
                    + " ms (target: 8000 ms)");
            throughput(port);
            latencyToTwilio(port);
            if (postgres) {
                dueAtOnce(app, database);
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    /** dial-complete under load: rate, latency percentiles, and every call's history kept. */
    private void throughput(int port) throws Exception {
        long before = historyCount(port);
        load(port, Duration.ofSeconds(5), DEMO_NUMBER);
        List<Long> latencies = new ArrayList<>();
        long start = System.nanoTime();
        int calls = load(port, LOAD, DEMO_NUMBER, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        Collections.sort(latencies);
        report("dial-complete rate", String.format("%.0f missed calls/s over %.0f s, %d clients (target: 280/s)",
                calls / seconds, seconds, CONCURRENCY));
        report("dial-complete latency", String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (target: p99 50 ms)",
                percentile(latencies, 50), percentile(latencies, 90), percentile(latencies, 99),
                latencies.get(latencies.size() - 1) / 1e6));
        long drained = System.nanoTime();
        long expected = before + calls + callsDuringWarmUp.get();
        while (historyCount(port) < expected || pendingJobs(port) > 0) {
            if (System.nanoTime() - drained > Duration.ofMinutes(5).toNanos()) {
                break;
            }
            Thread.sleep(250);
        }
        report("texts sent after the load", String.format("all queued jobs done %.1f s after the load ended",
                (System.nanoTime() - drained) / 1e9));
        assertThat(historyCount(port)).as("every call's recipe in history").isEqualTo(expected);
    }

    /** One missed call at a time: from the webhook's request to Twilio receiving the text. */
    private void latencyToTwilio(int port) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String caller = caller();
            long sent = System.currentTimeMillis();
            dialComplete(port, DEMO_NUMBER, caller);
            long deadline = System.currentTimeMillis() + 10_000;
            List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests;
            while ((requests = TwilioStandIn.textsSentTo(caller)).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(2);
            }
            assertThat(requests).as("text to " + caller).isNotEmpty();
            millis.add(requests.get(0).getLoggedDate().getTime() - sent);
            Thread.sleep(100);
        }
        Collections.sort(millis);
        report("missed call to Twilio request", String.format("median %d ms, p90 %d ms, max %d ms (target: median 150 ms)",
                millis.get(49), millis.get(89), millis.get(99)));
    }

    /** Many recipes waiting; all their waits fall due at once; how long until Twilio has every text. */
    private void dueAtOnce(AppProcess app, Postgres database) throws Exception {
        int port = app.port();
        long start = System.nanoTime();
        int created = 0;
        while (created < WAITING) {
            int batch = Math.min(2_000, WAITING - created);
            runConcurrently(batch, () -> genericMissedCall(port, ONCE_NUMBER, caller()));
            created += batch;
        }
        report("waiting recipes started", String.format("%d in %.1f s", created, (System.nanoTime() - start) / 1e9));
        report("app memory with " + created + " recipes waiting", app.residentMemory()
                + " resident (target: 600 MB with 100,000)");
        int received = TwilioStandIn.server().findAll(WireMock.postRequestedFor(
                WireMock.urlPathEqualTo(TwilioStandIn.MESSAGES_PATH))).size();
        try (var connection = DriverManager.getConnection(database.url(), database.user(), "");
             var statement = connection.createStatement()) {
            statement.executeUpdate("update act_ru_job set duedate_ = now() where type_ = 'timer'");
        }
        long due = System.nanoTime();
        long deadline = due + Duration.ofMinutes(5).toNanos();
        int sent;
        while ((sent = TwilioStandIn.server().findAll(WireMock.postRequestedFor(
                WireMock.urlPathEqualTo(TwilioStandIn.MESSAGES_PATH))).size() - received) < created
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        report("texts of waits due at once", String.format("%d of %d requested in %.1f s (target: 10,000 in 30 s)",
                sent, created, (System.nanoTime() - due) / 1e9));
    }

    private final AtomicInteger callsDuringWarmUp = new AtomicInteger();

    private int load(int port, Duration duration, String number) throws Exception {
        int calls = load(port, duration, number, new ArrayList<>());
        callsDuringWarmUp.addAndGet(calls);
        return calls;
    }

    private int load(int port, Duration duration, String number, List<Long> latencies) throws Exception {
        var recorded = new ConcurrentLinkedQueue<Long>();
        var count = new AtomicInteger();
        long end = System.nanoTime() + duration.toNanos();
        var pool = Executors.newFixedThreadPool(CONCURRENCY);
        for (int i = 0; i < CONCURRENCY; i++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    dialComplete(port, number, caller());
                    recorded.add(System.nanoTime() - t0);
                    count.incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 60, TimeUnit.SECONDS);
        latencies.addAll(recorded);
        return count.get();
    }

    private void runConcurrently(int calls, java.util.concurrent.Callable<?> call) throws Exception {
        var pool = Executors.newFixedThreadPool(CONCURRENCY);
        var tasks = new ArrayList<java.util.concurrent.Callable<Object>>();
        for (int i = 0; i < calls; i++) {
            tasks.add(() -> call.call());
        }
        for (var future : pool.invokeAll(tasks)) {
            future.get();
        }
        pool.shutdown();
    }

    private void dialComplete(int port, String number, String caller) throws Exception {
        var params = Map.of("CallSid", "CA" + sequence.incrementAndGet(), "From", caller, "To", number,
                "DialCallStatus", "no-answer");
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/twilio/voice/dial-complete"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", SignedWebhooks.signature(TwilioStandIn.AUTH_TOKEN,
                        PUBLIC_URL + "/twilio/voice/dial-complete", params))
                .POST(HttpRequest.BodyPublishers.ofString(SignedWebhooks.form(params))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("dial-complete answered " + response.statusCode() + ": " + response.body());
        }
    }

    private Object genericMissedCall(int port, String number, String caller) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/missed-calls"))
                .header("Content-Type", "application/json").header("X-Api-Key", "bench")
                .POST(HttpRequest.BodyPublishers.ofString("{\"callId\":\"bench-" + sequence.incrementAndGet()
                        + "\",\"from\":\"" + caller + "\",\"to\":\"" + number + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("missed-calls answered " + response.statusCode() + ": " + response.body());
        }
        return null;
    }

    private long historyCount(int port) throws Exception {
        return count(port, "/engine-rest/history/process-instance/count");
    }

    private long pendingJobs(int port) throws Exception {
        return count(port, "/engine-rest/job/count?executable=true");
    }

    private long count(int port, String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", AppClient.adminBasic()).build(), HttpResponse.BodyHandlers.ofString());
        return Long.parseLong(response.body().replaceAll("\\D", ""));
    }

    private String caller() {
        return "+1415" + (3000000 + (sequence.incrementAndGet() % 6_000_000));
    }

    private static double percentile(List<Long> sortedNanos, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static void report(String what, String figure) {
        System.out.printf("BENCHMARK %-45s %s%n", what + ":", figure);
    }

    private Map<String, String> environment(Postgres database) {
        var env = new HashMap<String, String>();
        if (database != null) {
            env.put("SPRING_PROFILES_ACTIVE", "postgres");
            env.put("TEXTBACK_DB_URL", database.url());
            env.put("TEXTBACK_DB_USER", database.user());
        } else {
            env.put("TEXTBACK_DB_URL", "jdbc:h2:file:" + data.resolve("textback").toAbsolutePath() + ";WRITE_DELAY=0");
        }
        env.put("TEXTBACK_ADMIN_PASSWORD", AppClient.ADMIN_PASSWORD);
        env.put("TEXTBACK_API_KEY", "bench");
        env.put("TEXTBACK_PUBLIC_BASE_URL", PUBLIC_URL);
        env.put("TEXTBACK_RECIPES_DIR", Path.of("bpmn").toAbsolutePath().toString());
        env.put("TWILIO_ACCOUNT_SID", TwilioStandIn.ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", TwilioStandIn.AUTH_TOKEN);
        env.put("TWILIO_API_BASE_URL", TwilioStandIn.server().baseUrl());
        // -Dbench.app-env=NAME=value,... tries a setting without changing the app (e.g. CAMUNDA_BPM_HISTORYLEVEL=audit).
        for (String pair : System.getProperty("bench.app-env", "").split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        env.put("SPRING_APPLICATION_JSON", "{\"textback\":{\"accounts\":[{\"id\":\"bench-once\",\"businessName\":"
                + "\"Bench Once\",\"numbers\":[\"" + ONCE_NUMBER + "\"],\"forwardingNumbers\":[\"+13125550100\"],"
                + "\"recipeKey\":\"missed-call-text-back-once\"}]}}");
        return env;
    }
}
