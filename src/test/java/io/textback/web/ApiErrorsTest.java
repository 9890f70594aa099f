package io.textback.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.settings.TestAudio;
import io.textback.support.AppClient;
import io.textback.support.AppTests;
import io.textback.support.FaultyEndpoint;
import io.textback.support.Fixtures;
import io.textback.support.SimulatedAppTest;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every kind of error of the JSON API, over real HTTP, answers one shape: RFC 9457 problem details
 * as {@code application/problem+json}, a detail written for people, and the bad fields under
 * {@code errors} in the same {@code {field, reason}} form wherever they are.
 */
@ExcludeFromProcessCoverage
@SimulatedAppTest
class ApiErrorsTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ObjectMapper json;

    AppClient app;
    Account account;
    String base;

    @BeforeEach
    void setUp() {
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Nakamura Glass");
        base = "/api/accounts/" + account.id();
    }

    @Test
    void missingBodyIsSaidInWordsNotAsAMethodSignature() throws Exception {
        var response = app.sendAsAdmin("PUT", base + "/settings", null);

        JsonNode problem = problem(response, 400);
        assertThat(problem.get("detail").asText()).isEqualTo("the request body is missing");
        assertThat(problem.has("errors")).isFalse();
        assertThat(response.body()).doesNotContain("io.textback", "java.", "SettingsForm", "public ");
    }

    @Test
    void malformedJsonIsSaidInWords() throws Exception {
        var response = app.sendAsAdmin("PUT", base + "/settings", "{\"enabled\": tru");

        assertThat(problem(response, 400).get("detail").asText()).isEqualTo("the request body is not valid JSON");
        assertThat(response.body()).doesNotContain("io.textback", "com.fasterxml", "line: 1");
    }

    @Test
    void valueOfTheWrongTypeIsNamedAsAField() throws Exception {
        var response = app.sendAsAdmin("PUT", base + "/settings", "{\"enabled\":true,\"messageTemplate\":\"Hi\","
                + "\"callTimeoutSeconds\":\"soon\",\"recipeKey\":\"missed-call-text-back\"}");

        assertThat(fieldErrors(problem(response, 400))).containsExactly(
                Map.of("field", "callTimeoutSeconds", "reason", "must be a whole number"));
        assertThat(response.body()).doesNotContain("Integer", "java.");
    }

    @Test
    void formPostToAJsonEndpointIsUnsupportedMediaTypeInTheSameShape() throws Exception {
        var response = send("POST", base + "/test-messages", Map.of("Authorization", AppClient.adminBasic(),
                "Content-Type", "application/x-www-form-urlencoded"), "to=%2B14155550123");

        JsonNode problem = problem(response, 415);
        assertThat(problem.get("detail").asText())
                .isEqualTo("this endpoint takes application/json, not application/x-www-form-urlencoded");
        assertThat(response.headers().firstValue("Accept")).hasValueSatisfying(v -> assertThat(v)
                .contains("application/json"));
    }

    @Test
    void apiCallWithoutALoginIsToldToLogInOrSendTheApiKey() throws Exception {
        JsonNode anonymous = problem(app.get(base + "/settings"), 401);
        assertThat(anonymous.get("detail").asText()).contains("log in", "X-Api-Key");
        assertThat(anonymous.get("instance").asText()).isEqualTo(base + "/settings");

        var wrongKey = app.postJson("/api/missed-calls", "{}", Map.of("X-Api-Key", "not-the-key"));
        assertThat(problem(wrongKey, 401).get("detail").asText()).contains("X-Api-Key", "log in");

        // A user who does not exist: a wrong password for admin would lock admin out for the next tests.
        var wrongPassword = send("GET", base + "/settings", Map.of("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString("nobody-here:guess".getBytes())), null);
        assertThat(problem(wrongPassword, 401).get("detail").asText()).startsWith("wrong user or password")
                .contains("X-Api-Key");
    }

    @Test
    void browserPagesStillGoToTheLoginPage() {
        var page = send("GET", "/calls.html", Map.of("Accept", "text/html"), null);

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void apiKeyOutsideMissedCallsIsForbiddenSayingWhatItMayDo() throws Exception {
        var response = send("GET", "/api/accounts", Map.of("X-Api-Key", AppTests.API_KEY), null);

        assertThat(problem(response, 403).get("detail").asText())
                .isEqualTo("the API key only reports missed calls (POST /api/missed-calls); everything else needs"
                        + " an admin login");
    }

    @Test
    void unknownAccountIsNotFoundWithTheSameDetailEverywhere() throws Exception {
        for (String path : List.of("/api/accounts/nobody", "/api/accounts/nobody/settings",
                "/api/accounts/nobody/business-hours", "/api/accounts/nobody/contacts")) {
            JsonNode problem = problem(app.getAsAdmin(path), 404);
            assertThat(problem.get("detail").asText()).as(path).isEqualTo("no account 'nobody'");
            assertThat(problem.get("instance").asText()).isEqualTo(path);
        }
    }

    @Test
    void unknownPathIsNotFoundAndAKnownPathTheWrongMethodIsNotAllowed() throws Exception {
        assertThat(problem(app.getAsAdmin("/api/no-such-thing"), 404).get("detail").asText())
                .isEqualTo("there is no endpoint GET /api/no-such-thing; /api-docs.html lists them");
        assertThat(problem(app.sendAsAdmin("POST", "/api/no-such-thing", "{}"), 404).get("detail").asText())
                .startsWith("there is no endpoint POST /api/no-such-thing");

        var delete = app.sendAsAdmin("DELETE", base + "/settings", null);
        assertThat(problem(delete, 405).get("detail").asText()).isEqualTo("DELETE is not allowed here;"
                + " this path takes GET, PUT");
        assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("PUT"));
    }

    @Test
    void badPhoneNumberIsWordedTheSameAtEveryEndpoint() throws Exception {
        var testMessage = app.sendAsAdmin("POST", base + "/test-messages", "{\"to\":\"12345\"}");
        var simulatedCall = app.sendAsAdmin("POST", base + "/simulated-calls", "{\"from\":\"call me\"}");
        var contact = app.sendAsAdmin("PUT", base + "/contacts/555", "{\"firstName\":\"Ana\"}");
        var whatsApp = app.sendAsAdmin("PUT", base + "/whatsapp", "{\"sender\":\"whatsapp\"}");
        var missedCall = app.postJson("/api/missed-calls", "{\"callId\":\"c1\",\"from\":\"12\",\"to\":\""
                + account.defaultNumber() + "\"}", Map.of("X-Api-Key", AppTests.API_KEY));

        String wording = "is not a phone number in E.164 form, such as +14155550123";
        assertThat(fieldErrors(problem(testMessage, 400))).containsExactly(Map.of("field", "to", "reason", wording));
        assertThat(fieldErrors(problem(simulatedCall, 400))).containsExactly(Map.of("field", "from", "reason", wording));
        assertThat(fieldErrors(problem(contact, 400))).containsExactly(Map.of("field", "phone", "reason", wording));
        assertThat(fieldErrors(problem(whatsApp, 400))).containsExactly(Map.of("field", "sender", "reason", wording));
        assertThat(fieldErrors(problem(missedCall, 400))).containsExactly(Map.of("field", "from", "reason", wording));
        assertThat(problem(testMessage, 400).get("detail").asText()).isEqualTo("to: " + wording);
    }

    @Test
    void everyBadFieldOfAFormIsListedAtOnce() throws Exception {
        var response = app.sendAsAdmin("PUT", base + "/auto-reply",
                "{\"message\":\"Hi {{contact.frist_name}}\",\"recipeKey\":\"\"}");

        assertThat(fieldErrors(problem(response, 400))).containsExactly(
                Map.of("field", "enabled", "reason", "is required"),
                Map.of("field", "message", "reason", "unknown merge field {{contact.frist_name}}"),
                Map.of("field", "recipeKey", "reason", "is required"));
    }

    @Test
    void beanValidationSpeaksInTheSameWordsAndShape() throws Exception {
        var response = app.sendAsAdmin("POST", "/api/accounts", "{\"id\":\"Not An Id\",\"businessName\":\"\","
                + "\"numbers\":[]}");

        assertThat(fieldErrors(problem(response, 400))).containsExactlyInAnyOrder(
                Map.of("field", "id", "reason", "must be lowercase letters, digits and dashes"),
                Map.of("field", "businessName", "reason", "is required"),
                Map.of("field", "numbers", "reason", "is required"));
    }

    @Test
    void accountThatExistsAlreadyIsAConflictNamingTheField() throws Exception {
        var response = app.sendAsAdmin("POST", "/api/accounts", "{\"id\":\"" + account.id() + "\",\"businessName\":"
                + "\"Again\",\"numbers\":[\"+12125550177\"]}");

        assertThat(fieldErrors(problem(response, 409))).containsExactly(
                Map.of("field", "id", "reason", "account '" + account.id() + "' already exists"));
    }

    @Test
    void mistypedOrMissingParametersAreNamedAsFields() throws Exception {
        assertThat(fieldErrors(problem(app.getAsAdmin(base + "/contacts?limit=many"), 400))).containsExactly(
                Map.of("field", "limit", "reason", "must be a whole number"));
        byte[] wav = TestAudio.wav(0.1);
        assertThat(fieldErrors(problem(app.uploadAsAdmin("PUT", base + "/voicemail-greeting", "audio", "a.wav",
                "audio/wav", wav), 400))).containsExactly(Map.of("field", "file", "reason", "is required"));
    }

    @Test
    void greetingTooLargeIsPayloadTooLargeNamingTheFile() throws Exception {
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];

        var response = app.uploadAsAdmin("PUT", base + "/voicemail-greeting", "file", "long.wav", "audio/wav",
                tooLarge);

        assertThat(fieldErrors(problem(response, 413))).containsExactly(
                Map.of("field", "file", "reason", "must be at most 10 MB"));
    }

    @Test
    void faultOfOursIsA500WithoutTheExceptionsText() throws Exception {
        var response = app.getAsAdmin(FaultyEndpoint.PATH);

        JsonNode problem = problem(response, 500);
        assertThat(problem.get("detail").asText())
                .isEqualTo("the server failed to answer this request; its log has the reason");
        assertThat(response.body()).doesNotContain("IllegalStateException", "secret internals", "at io.textback",
                "trace");
    }

    /** The status, the problem+json type and the members every error has; the body as JSON. */
    private JsonNode problem(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank().doesNotContain("Exception", "java.", "io.textback");
        return problem;
    }

    private static List<Map<String, String>> fieldErrors(JsonNode problem) {
        var errors = new ArrayList<Map<String, String>>();
        problem.get("errors").forEach(e -> {
            assertThat(e.size()).as(e.toString()).isEqualTo(2);
            errors.add(Map.of("field", e.get("field").asText(), "reason", e.get("reason").asText()));
        });
        return errors;
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
