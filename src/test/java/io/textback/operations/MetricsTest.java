package io.textback.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.support.AppClient;
import io.textback.support.AppWithTwilioStandInTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator's Prometheus sees: missed calls, recipes, Twilio requests and texts move with
 * real webhooks, the endpoint needs the admin login, and every metric the shipped Grafana
 * dashboard queries is exported.
 */
@AppWithTwilioStandInTest
class MetricsTest {

    static final String PUBLIC_URL = "https://textback.example.com";
    static final Path DASHBOARD = Path.of("src/main/docker/grafana/dashboards/textback.json");

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;

    @Test
    void missedCallsMoveTheCountersAndTheDashboardQueriesOnlyExportedMetrics() throws Exception {
        TwilioStandIn.acceptTexts();
        var app = new AppClient(port);
        Account account = Fixtures.newAccount(accounts, "Metric Plumbing");
        String recipe = account.settings().recipeKey();
        assertThat(app.get("/actuator/prometheus").statusCode()).as("without a login").isEqualTo(401);
        PrometheusScrape before = scrape(app);

        for (String reason : new String[] {"no-answer", "no-answer", "busy"}) {
            String caller = Fixtures.newCaller();
            var missed = app.twilio("/twilio/voice/dial-complete", Map.of("CallSid", Fixtures.newCallSid(),
                    "From", caller, "To", account.defaultNumber(), "DialCallStatus", reason),
                    TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
            assertThat(missed.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> TwilioStandIn.textsSentTo(caller).size() == 1);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = scrape(app);
            assertThat(increase(before, after, "textback_calls_missed_total",
                    Map.of("reason", "no-answer", "outcome", "started"))).isEqualTo(2);
            assertThat(increase(before, after, "textback_calls_missed_total",
                    Map.of("reason", "busy", "outcome", "started"))).isEqualTo(1);
            assertThat(increase(before, after, "textback_recipes_started_total", Map.of("recipe", recipe)))
                    .isEqualTo(3);
            assertThat(increase(before, after, "textback_twilio_requests_seconds_count",
                    Map.of("method", "POST", "resource", "Messages", "status", "201"))).isEqualTo(3);
            assertThat(increase(before, after, "http_server_requests_seconds_count",
                    Map.of("uri", "/twilio/voice/dial-complete", "status", "200"))).isEqualTo(3);
            assertThat(increase(before, after, "textback_texts_last_hour",
                    Map.of("status", "queued", "error_code", "none"))).isGreaterThanOrEqualTo(3);
        });

        Set<String> exported = scrape(app).sampleNames();
        Set<String> queried = dashboardMetrics();
        assertThat(queried).contains("textback_calls_missed_total", "textback_recipes_started_total",
                "textback_texts_last_hour", "textback_twilio_requests_seconds_bucket", "textback_jobs_due",
                "textback_incidents_open", "http_server_requests_seconds_bucket");
        assertThat(exported).as("metrics the dashboard queries").containsAll(queried);
    }

    private static PrometheusScrape scrape(AppClient app) {
        var response = app.getAsAdmin("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusScrape(response.body());
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name,
                                   Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** Metric names in the dashboard's PromQL: what is left once functions, labels, ranges and keywords are gone. */
    static Set<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> names = new TreeSet<>();
        Pattern identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        for (JsonNode expr : dashboard.findValues("expr")) {
            String promql = expr.asText()
                    .replaceAll("\\{[^}]*}", " ")           // label matchers
                    .replaceAll("\\[[^]]*]", " ")           // ranges
                    .replaceAll("\"[^\"]*\"", " ")          // strings
                    .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                    .replaceAll("[a-zA-Z_:][a-zA-Z0-9_:]*\\s*\\(", "(");  // function and aggregation names
            identifier.matcher(promql).results().map(match -> match.group())
                    .filter(name -> !Set.of("and", "or", "unless", "offset", "bool").contains(name))
                    .forEach(names::add);
        }
        return names;
    }
}
