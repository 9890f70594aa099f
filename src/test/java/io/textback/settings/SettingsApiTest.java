package io.textback.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.messaging.MessageTemplate;
import io.textback.support.AppClient;
import io.textback.system.PhoneNumbers;
import io.textback.support.Fixtures;
import io.textback.support.SimulatedAppTest;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The settings page's API on an app with no Twilio account, as the page and a script use it. */
@ExcludeFromProcessCoverage
@SimulatedAppTest
class SettingsApiTest {

    static final String PUBLIC_URL = "https://textback.example.com";

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    AccountRepository repository;
    @Autowired
    ObjectMapper json;

    AppClient app;
    Account account;
    String settingsPath;

    @BeforeEach
    void setUp() {
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Rossi Roofing");
        settingsPath = "/api/accounts/" + account.id() + "/settings";
    }

    @Test
    void savedSettingsAreKeptAndTheNextIncomingCallRingsForTheNewTimeout() throws Exception {
        var saved = app.sendAsAdmin("PUT", settingsPath, form(false, "Hi {{contact.first_name|friend}}!", 25,
                TextBackSettings.DEFAULT_RECIPE_KEY));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        JsonNode reloaded = json.readTree(app.getAsAdmin(settingsPath).body());
        assertThat(reloaded.get("enabled").asBoolean()).isFalse();
        assertThat(reloaded.get("messageTemplate").asText()).isEqualTo("Hi {{contact.first_name|friend}}!");
        assertThat(reloaded.get("callTimeoutSeconds").asInt()).isEqualTo(25);
        assertThat(incomingCallTwiml()).contains("timeout=\"25\"");
    }

    @Test
    void eachInvalidFieldIsNamedWithItsReasonAndNothingIsSaved() throws Exception {
        String recipe = TextBackSettings.DEFAULT_RECIPE_KEY;
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "", 15, recipe)),
                "messageTemplate", "must not be empty");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "   ", 15, recipe)),
                "messageTemplate", "must not be empty");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "x".repeat(1601), 15, recipe)),
                "messageTemplate", "must be at most 1600 characters, is 1601");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "Hi {{contact.frist_name}}", 15, recipe)),
                "messageTemplate", "unknown merge field {{contact.frist_name}}");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "Hi", 4, recipe)),
                "callTimeoutSeconds", "must be between 5 and 60 seconds, not 4");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "Hi", 61, recipe)),
                "callTimeoutSeconds", "must be between 5 and 60 seconds, not 61");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "Hi", null, recipe)),
                "callTimeoutSeconds", "is required");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "Hi", 15, "no-such-recipe")),
                "recipeKey", "no recipe with key 'no-such-recipe' is deployed");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(true, "Hi", 15, "")), "recipeKey", "is required");
        assertRefused(app.sendAsAdmin("PUT", settingsPath, form(null, "Hi", 15, recipe)), "enabled", "is required");
        var notJson = app.sendAsAdmin("PUT", settingsPath, "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).get("detail").asText()).isEqualTo("the request body is not valid JSON");

        var twoBad = app.sendAsAdmin("PUT", settingsPath, form(true, "A new message", 99, "no-such-recipe"));
        assertThat(errors(twoBad)).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("callTimeoutSeconds", "recipeKey");

        assertThat(repository.findById(account.id()).orElseThrow().settings()).isEqualTo(TextBackSettings.defaults());
    }

    @Test
    void settingsOfAnAccountThatDoesNotExistAreNotFound() {
        assertThat(app.getAsAdmin("/api/accounts/no-such-account/settings").statusCode()).isEqualTo(404);
    }

    @Test
    void previewFillsMergeFieldsForAKnownContactOnlyAndCountsSegments() throws Exception {
        String gsm = "Hi {{contact.first_name|there}}, " + "a".repeat(140);

        JsonNode plain = preview(gsm);
        JsonNode withEmoji = preview(gsm + " 🙂");

        assertThat(plain.at("/knownContact/text").asText()).startsWith("Hi Maria, aaa");
        assertThat(plain.at("/unknownCaller/text").asText()).startsWith("Hi there, aaa");
        assertThat(plain.at("/knownContact/encoding").asText()).isEqualTo("GSM-7");
        assertThat(plain.at("/knownContact/segments").asInt()).isEqualTo(1);
        assertThat(withEmoji.at("/knownContact/encoding").asText()).isEqualTo("UCS-2");
        assertThat(withEmoji.at("/knownContact/segments").asInt()).isEqualTo(3);
        assertThat(preview("Hi {{contact.nickname}}").get("problems").get(0).asText())
                .isEqualTo("unknown merge field {{contact.nickname}}");
    }

    @Test
    void testMessageIsSimulatedLoggedAndCounted() throws Exception {
        JsonNode before = usage();

        var sent = app.sendAsAdmin("POST", testMessagesPath(), json.writeValueAsString(Map.of(
                "to", "(415) 555-0142", "messageTemplate", "Testing {{business.name}} 👋")));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        JsonNode outcome = json.readTree(sent.body());
        assertThat(outcome.get("to").asText()).isEqualTo("+14155550142");
        assertThat(outcome.get("status").asText()).isEqualTo("simulated");
        assertThat(outcome.get("body").asText()).isEqualTo("Testing Rossi Roofing 👋");
        JsonNode outbox = json.readTree(app.getAsAdmin("/api/messages?status=simulated&accountId=" + account.id())
                .body());
        assertThat(outbox).anySatisfy(m -> assertThat(m.get("body").asText()).isEqualTo("Testing Rossi Roofing 👋"));
        JsonNode after = usage();
        assertThat(after.get("texts").asLong()).isEqualTo(before.get("texts").asLong() + 1);
        assertThat(after.get("segments").asLong()).isEqualTo(before.get("segments").asLong() + 1);
        assertThat(after.get("month").asText()).matches("\\d{4}-\\d{2}");
    }

    @Test
    void testMessageToANumberThatIsNoneOrWithABrokenMessageIsRefused() throws Exception {
        assertRefused(app.sendAsAdmin("POST", testMessagesPath(), json.writeValueAsString(Map.of("to", "12345"))),
                "to", PhoneNumbers.NOT_A_PHONE_NUMBER);
        assertRefused(app.sendAsAdmin("POST", testMessagesPath(), "{}"), "to", "is required");
        assertRefused(app.sendAsAdmin("POST", testMessagesPath(), json.writeValueAsString(Map.of(
                "to", "+14155550142", "messageTemplate", ""))), "messageTemplate", "must not be empty");
        assertThat(usage().get("texts").asLong()).isZero();
    }

    @Test
    void simulatedMissedCallStartsTheRecipeWhichTextsTheCaller() throws Exception {
        var response = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/simulated-calls",
                "{\"from\":\"415 555 0177\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json.readTree(response.body()).get("outcome").asText()).isEqualTo("started");
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(json.readTree(app.getAsAdmin(
                "/api/messages?status=simulated&to=" + URLEncoder.encode("+14155550177", StandardCharsets.UTF_8)
                        + "&accountId=" + account.id()).body()))
                .singleElement().satisfies(m -> assertThat(m.get("body").asText())
                        .isEqualTo("Hi there, sorry we missed your call at Rossi Roofing. "
                                + "How can we help? Reply here and we'll get back to you.")));
        assertRefused(app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/simulated-calls",
                "{\"from\":\"call me\"}"), "from", PhoneNumbers.NOT_A_PHONE_NUMBER);
    }

    @Test
    void uploadedWavIsPlayedToCallersFromAnUnguessableUrlUntilRemoved() throws Exception {
        byte[] wav = TestAudio.wav(0.5);

        var uploaded = app.uploadAsAdmin("PUT", greetingPath(), "file", "greeting.wav", "audio/wav", wav);

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String url = json.readTree(uploaded.body()).get("url").asText();
        assertThat(url).matches("/voicemail-greetings/[A-Za-z0-9_-]{32}");
        assertThat(missedCallTwiml()).contains("<Play>" + PUBLIC_URL + url + "</Play>", "<Record")
                .doesNotContain("<Say>");
        HttpResponse<byte[]> audio = app.getBytes(url);
        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/wav");
        assertThat(audio.body()).isEqualTo(wav);

        assertThat(app.sendAsAdmin("DELETE", greetingPath(), null).statusCode()).isEqualTo(204);
        assertThat(missedCallTwiml()).contains("<Say>You have reached Rossi Roofing.").doesNotContain("<Play>");
        assertThat(app.getBytes(url).statusCode()).isEqualTo(404);
        assertThat(app.getAsAdmin(greetingPath()).statusCode()).isEqualTo(404);
    }

    @Test
    void mp3IsRecognisedByItsContentWithOrWithoutATag() throws Exception {
        for (byte[] mp3 : List.of(TestAudio.mp3WithId3Tag(), TestAudio.mp3FrameOnly())) {
            var uploaded = app.uploadAsAdmin("PUT", greetingPath(), "file", "greeting.bin",
                    "application/octet-stream", mp3);
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            assertThat(json.readTree(uploaded.body()).get("contentType").asText()).isEqualTo("audio/mpeg");
        }
    }

    @Test
    void greetingThatIsNotAudioEmptyOrTooLargeIsRefusedAndTheOldOneStays() throws Exception {
        byte[] wav = TestAudio.wav(0.2);
        app.uploadAsAdmin("PUT", greetingPath(), "file", "kept.wav", "audio/wav", wav);

        assertRefused(app.uploadAsAdmin("PUT", greetingPath(), "file", "greeting.mp3", "audio/mpeg",
                "This is a text file, not audio.".getBytes(StandardCharsets.UTF_8)),
                "file", "is not MP3 or WAV audio");
        assertRefused(app.uploadAsAdmin("PUT", greetingPath(), "file", "empty.wav", "audio/wav", new byte[0]),
                "file", "is empty");
        byte[] tooLarge = new byte[GreetingAudio.MAX_BYTES + 1];
        System.arraycopy(wav, 0, tooLarge, 0, wav.length);
        var oversized = app.uploadAsAdmin("PUT", greetingPath(), "file", "long.wav", "audio/wav", tooLarge);
        assertThat(oversized.statusCode()).as(oversized.body()).isEqualTo(413);
        assertThat(json.readTree(oversized.body()).get("errors").toString())
                .isEqualTo("[{\"field\":\"file\",\"reason\":\"must be at most 10 MB\"}]");
        assertRefused(app.uploadAsAdmin("PUT", greetingPath(), "audio", "greeting.wav", "audio/wav", wav),
                "file", "is required");

        assertThat(json.readTree(app.getAsAdmin(greetingPath()).body()).get("fileName").asText())
                .isEqualTo("kept.wav");
    }

    @Test
    void choicesListTheDeployedRecipesTheTimeoutRangeAndTheMergeFields() throws Exception {
        JsonNode choices = json.readTree(app.getAsAdmin("/api/settings/choices").body());

        // The page's merge-field buttons, from the one list the product fills, in its order.
        assertThat(choices.get("mergeFields")).extracting(f -> f.get("field").asText() + "=" + f.get("label").asText())
                .containsExactlyElementsOf(MessageTemplate.FIELDS.stream().map(f -> f.field() + "=" + f.label())
                        .toList());

        assertThat(choices.get("recipes")).anySatisfy(r -> assertThat(r.get("key").asText())
                .isEqualTo(TextBackSettings.DEFAULT_RECIPE_KEY));
        assertThat(choices.get("minTimeoutSeconds").asInt()).isEqualTo(5);
        assertThat(choices.get("maxTimeoutSeconds").asInt()).isEqualTo(60);
        assertThat(choices.get("recommendedMinTimeoutSeconds").asInt()).isEqualTo(10);
        assertThat(choices.get("recommendedMaxTimeoutSeconds").asInt()).isEqualTo(20);
        assertThat(choices.get("textsSimulated").asBoolean()).isTrue();
    }

    @Test
    void apiAndItsOpenApiDocumentNeedTheAdminLogin() throws Exception {
        assertThat(app.get(settingsPath).statusCode()).isEqualTo(401);
        assertThat(app.get("/api/settings/choices").statusCode()).isEqualTo(401);
        assertThat(app.get("/v3/api-docs").statusCode()).isIn(302, 401);
        assertThat(app.get("/api-docs.html").statusCode()).isIn(302, 401);

        var docs = app.getAsAdmin("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = json.readTree(docs.body()).get("paths");
        assertThat(paths.has("/api/accounts/{accountId}/settings")).isTrue();
        assertThat(paths.has("/api/accounts/{accountId}/test-messages")).isTrue();
        assertThat(paths.has("/api/accounts/{accountId}/voicemail-greeting")).isTrue();
        assertThat(paths.has("/api/accounts/{accountId}/usage")).isTrue();
    }

    private String form(Boolean enabled, String message, Integer timeout, String recipe) throws Exception {
        var form = new HashMap<String, Object>();
        form.put("enabled", enabled);
        form.put("messageTemplate", message);
        form.put("callTimeoutSeconds", timeout);
        form.put("recipeKey", recipe);
        return json.writeValueAsString(form);
    }

    private JsonNode preview(String template) throws Exception {
        var response = app.sendAsAdmin("POST", settingsPath + "/preview",
                json.writeValueAsString(Map.of("messageTemplate", template)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode usage() throws Exception {
        return json.readTree(app.getAsAdmin("/api/accounts/" + account.id() + "/usage").body());
    }

    private String testMessagesPath() {
        return "/api/accounts/" + account.id() + "/test-messages";
    }

    private String greetingPath() {
        return "/api/accounts/" + account.id() + "/voicemail-greeting";
    }

    private String incomingCallTwiml() {
        return app.twilioUnsigned("/twilio/voice/incoming", Map.of("CallSid", Fixtures.newCallSid(),
                "From", Fixtures.newCaller(), "To", account.defaultNumber()), null).body();
    }

    private String missedCallTwiml() {
        return app.twilioUnsigned("/twilio/voice/dial-complete", Map.of("CallSid", Fixtures.newCallSid(),
                "From", Fixtures.newCaller(), "To", account.defaultNumber(), "DialCallStatus", "no-answer"),
                null).body();
    }

    private List<JsonNode> errors(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        var list = new java.util.ArrayList<JsonNode>();
        json.readTree(response.body()).get("errors").forEach(list::add);
        return list;
    }

    private void assertRefused(HttpResponse<String> response, String field, String reason) throws Exception {
        assertThat(errors(response)).as(response.body()).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("reason").asText()).contains(reason);
        });
    }
}
