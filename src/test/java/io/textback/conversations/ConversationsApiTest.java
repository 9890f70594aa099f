package io.textback.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.contacts.ContactRepository;
import io.textback.support.AppClient;
import io.textback.support.Fixtures;
import io.textback.support.SimulatedAppTest;
import io.textback.system.PhoneNumbers;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Conversations, the funnel's input checks and the recording proxy's refusals, over HTTP on an app
 * without a Twilio account. Same configuration as the settings tests, so the same app.
 */
@ExcludeFromProcessCoverage
@SimulatedAppTest
class ConversationsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ContactRepository contacts;
    @Autowired
    ObjectMapper json;

    AppClient app;
    Account account;
    String caller;
    String thread;

    @BeforeEach
    void setUp() {
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Haddad Dental");
        caller = Fixtures.newCaller();
        thread = "/api/accounts/" + account.id() + "/conversations/" + URLEncoder.encode(caller, StandardCharsets.UTF_8);
    }

    @Test
    void textsBothWaysMakeOneThreadOldestFirst() throws Exception {
        textFromCaller("Do you do weekend appointments?");
        var reply = app.sendAsAdmin("POST", thread + "/replies",
                "{\"body\":\"Yes, Saturdays 9 to 1. {{business.name}}\"}");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        textFromCaller("Great, see you Saturday");

        JsonNode messages = json.readTree(app.getAsAdmin(thread).body()).get("messages");
        assertThat(messages).extracting(m -> m.get("direction").asText() + ":" + m.get("body").asText())
                .containsExactly("in:Do you do weekend appointments?", "out:Yes, Saturdays 9 to 1. Haddad Dental",
                        "in:Great, see you Saturday");
        assertThat(messages.get(1).get("status").asText()).isEqualTo("simulated");
        JsonNode list = json.readTree(app.getAsAdmin("/api/accounts/" + account.id() + "/conversations").body());
        assertThat(list).singleElement().satisfies(c -> {
            assertThat(c.get("phone").asText()).isEqualTo(caller);
            assertThat(c.get("lastText").asText()).isEqualTo("Great, see you Saturday");
            assertThat(c.get("lastDirection").asText()).isEqualTo("in");
        });
    }

    @Test
    void replyToACallerWhoTextedStopIsLoggedButNotSent() throws Exception {
        contacts.save(account.id(), caller, "Lena", "Haddad", List.of("VIP"), Instant.now());
        textFromCaller("STOP");

        var reply = app.sendAsAdmin("POST", thread + "/replies", "{\"body\":\"Sorry to see you go\"}");

        JsonNode body = json.readTree(reply.body());
        assertThat(body.get("optedOut").asBoolean()).isTrue();
        assertThat(body.get("name").asText()).isEqualTo("Lena Haddad");
        assertThat(body.get("tags").toString()).isEqualTo("[\"VIP\"]");
        assertThat(body.get("messages").get(1).get("status").asText()).isEqualTo("opted-out");
        assertThat(app.messagesTo(caller)).singleElement()
                .satisfies(m -> assertThat(m.get("status")).isEqualTo("opted-out"));
    }

    @Test
    void badRepliesAreRefusedNamingTheField() throws Exception {
        assertRefused(app.sendAsAdmin("POST", thread + "/replies", "{\"body\":\"  \"}"), "body", "must not be empty");
        assertRefused(app.sendAsAdmin("POST", thread + "/replies", "{\"body\":\"Hi {{contact.frist_name}}\"}"),
                "body", "unknown merge field {{contact.frist_name}}");
        assertRefused(app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/conversations/555/replies",
                "{\"body\":\"Hi\"}"), "phone", PhoneNumbers.NOT_A_PHONE_NUMBER);
        assertThat(app.sendAsAdmin("POST", "/api/accounts/nobody/conversations/" + URLEncoder.encode(caller,
                StandardCharsets.UTF_8) + "/replies", "{\"body\":\"Hi\"}").statusCode()).isEqualTo(404);
        assertThat(app.messagesTo(caller)).isEmpty();
    }

    @Test
    void conversationsNeedTheAdminLogin() {
        assertThat(app.get(thread).statusCode()).isEqualTo(401);
        assertThat(app.get("/api/accounts/" + account.id() + "/funnel").statusCode()).isEqualTo(401);
    }

    @Test
    void ownerPagesApiIsInTheOpenApiDocument() {
        assertThat(app.getAsAdmin("/v3/api-docs").body()).contains("\"/api/accounts/{accountId}/conversations\"",
                "\"/api/accounts/{accountId}/conversations/{phone}/replies\"", "\"/api/accounts/{accountId}/funnel\"",
                "\"/api/calls/{callSid}/recording\"", "\"/api/recipes/{key}\"");
    }

    @Test
    void funnelRefusesAPeriodItCannotCount() throws Exception {
        String funnel = "/api/accounts/" + account.id() + "/funnel?days=";
        assertRefused(app.getAsAdmin(funnel + "0"), "days", "must be between 1 and 366, not 0");
        assertRefused(app.getAsAdmin(funnel + "week"), "days", "must be a whole number of days, not 'week'");
        JsonNode empty = json.readTree(app.getAsAdmin(funnel + "7").body());
        assertThat(empty.get("perDay")).hasSize(7);
        assertThat(empty.get("stages").get("missed").asInt()).isZero();
    }

    @Test
    void recordingOfACallWithoutVoicemailIsNotFound() throws Exception {
        var simulated = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/simulated-calls",
                "{\"from\":\"" + caller + "\"}");
        String callSid = json.readTree(simulated.body()).get("callId").asText();

        var response = app.getAsAdmin("/api/calls/" + callSid + "/recording");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains("has no voicemail recording");
        assertThat(app.getAsAdmin("/api/calls/CA-unknown/recording").statusCode()).isEqualTo(404);
    }

    private void textFromCaller(String body) {
        var response = app.twilioUnsigned("/twilio/messaging/incoming", Map.of("From", caller,
                "To", account.defaultNumber(), "Body", body), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void assertRefused(java.net.http.HttpResponse<String> response, String field, String reason)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").toString())
                .contains("\"field\":\"" + field + "\"", reason);
    }
}
