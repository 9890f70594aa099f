package io.textback.settings;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.recipes.MissedCallTextBack;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.Calls;
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The monthly messaging limit: texts stop at it, the call says so, and usage shows it. */
@EngineTest
class MonthlyLimitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    AccountService accounts;
    @Autowired
    AccountRepository accountRepository;

    @Autowired
    AppClient app;
    @Autowired
    Calls calls;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
    }

    @ParameterizedTest
    @ValueSource(strings = {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY})
    void withALimitOfThreeTheFourthCallerGetsNoText(String recipe) throws Exception {
        Account account = account(recipe);
        var saved = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/sending-rules",
                "{\"monthlyLimit\":3,\"lineTypeCheck\":false,\"quietHours\":false}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        List<String> callers = new ArrayList<>();
        List<String> callSids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(Fixtures.newCaller());
            callSids.add(calls.missed(callers.get(i), account.defaultNumber()));
            calls.runRecipe(account.id(), callSids.get(i));
        }

        for (int i = 0; i < 3; i++) {
            assertThat(textsSentTo(callers.get(i))).hasSize(1);
            assertThat(calls.outcome(account.id(), callSids.get(i))).isEqualTo("texted");
        }
        assertThat(textsSentTo(callers.get(3))).isEmpty();
        JsonNode fourth = calls.get(account.id(), callSids.get(3));
        assertThat(fourth.get("outcome").asText()).isEqualTo("limit-reached");
        assertThat(fourth.get("outcomeDetail").asText()).isEqualTo("the monthly messaging limit of 3 texts is reached");
        assertThat(app.messagesTo(callers.get(3))).singleElement()
                .satisfies(entry -> assertThat(entry.get("status")).isEqualTo("limit-reached"));

        JsonNode usage = JSON.readTree(app.getAsAdmin("/api/accounts/" + account.id() + "/usage").body());
        assertThat(usage.get("texts").asLong()).isEqualTo(3);
        JsonNode rules = JSON.readTree(app.getAsAdmin("/api/accounts/" + account.id() + "/sending-rules").body());
        assertThat(rules.get("usage").get("texts").asLong()).isEqualTo(3);
        assertThat(rules.get("usage").get("limit").asInt()).isEqualTo(3);
    }

    @Test
    void testMessagesCountAndStopAtTheLimitToo() throws Exception {
        Account account = account(MissedCallTextBack.KEY);
        app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/sending-rules",
                "{\"monthlyLimit\":1,\"lineTypeCheck\":false,\"quietHours\":false}");
        String first = Fixtures.newCaller();
        String second = Fixtures.newCaller();

        var sent = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/test-messages", "{\"to\":\"" + first + "\"}");
        var refused = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/test-messages",
                "{\"to\":\"" + second + "\"}");

        assertThat(JSON.readTree(sent.body()).get("status").asText()).as(sent.body()).isEqualTo("queued");
        assertThat(JSON.readTree(refused.body()).get("status").asText()).as(refused.body()).isEqualTo("limit-reached");
        assertThat(textsSentTo(second)).isEmpty();

        app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/sending-rules",
                "{\"monthlyLimit\":null,\"lineTypeCheck\":false,\"quietHours\":false}");
        var unlimited = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/test-messages",
                "{\"to\":\"" + second + "\"}");
        assertThat(JSON.readTree(unlimited.body()).get("status").asText()).isEqualTo("queued");
    }

    @Test
    void badRulesAreRefusedNamingEachField() throws Exception {
        Account account = account(MissedCallTextBack.KEY);
        var response = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/sending-rules",
                "{\"monthlyLimit\":0,\"lineTypeCheck\":false,\"quietHours\":true,\"quietHoursFrom\":\"9pm\","
                        + "\"quietHoursUntil\":\"08:00\",\"timeZone\":\"Mars/Olympus_Mons\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.body()).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactly("monthlyLimit", "quietHoursFrom", "timeZone");
        JsonNode unchanged = JSON.readTree(app.getAsAdmin("/api/accounts/" + account.id() + "/sending-rules").body());
        assertThat(unchanged.get("monthlyLimit").isNull()).isTrue();
        assertThat(unchanged.get("quietHours").asBoolean()).isFalse();
        assertThat(unchanged.get("quietHoursFrom").asText()).isEqualTo("21:00");
        assertThat(unchanged.get("quietHoursUntil").asText()).isEqualTo("08:00");
    }

    private Account account(String recipe) {
        return Fixtures.withSettings(accountRepository, Fixtures.newAccount(accounts, "Adeyemi Plumbing"),
                new TextBackSettings(true, TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS,
                        recipe));
    }
}
