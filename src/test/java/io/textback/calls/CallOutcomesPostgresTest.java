package io.textback.calls;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.recipes.MissedCallTextBack;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.Calls;
import io.textback.support.Fixtures;
import io.textback.support.Postgres;
import io.textback.support.PostgresEngineTest;
import io.textback.support.RequiresService;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Outcomes, the calls list and the sending rules on PostgreSQL, the production database: the same
 * webhooks and the same SQL as on H2, on a throwaway database of the local server.
 */
@EnabledIf("postgresAvailable")
@PostgresEngineTest
class CallOutcomesPostgresTest {

    static boolean postgresAvailable() {
        return RequiresService.available("PostgreSQL outcome test", Postgres.unavailableBecause());
    }

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

    @Test
    void outcomesTheCallsListAndTheSendingRulesWorkOnPostgres() {
        Account builtIn = account(MissedCallTextBack.KEY);
        var saved = app.sendAsAdmin("PUT", "/api/accounts/" + builtIn.id() + "/sending-rules",
                "{\"monthlyLimit\":2,\"lineTypeCheck\":false,\"quietHours\":false}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        String caller = Fixtures.newCaller();
        String landline = Fixtures.newCaller();
        TwilioStandIn.answerTextsTo(landline, TwilioStandIn.twilioError(400, 21614, "not a mobile number"));

        String texted = calls.missed(caller, builtIn.defaultNumber());
        calls.runRecipe(builtIn.id(), texted);
        String refused = calls.missed(landline, builtIn.defaultNumber());
        calls.runRecipe(builtIn.id(), refused);
        String again = calls.missed(landline, builtIn.defaultNumber());
        calls.runRecipe(builtIn.id(), again);
        String secondText = calls.missed(Fixtures.newCaller(), builtIn.defaultNumber());
        calls.runRecipe(builtIn.id(), secondText);
        String overLimit = calls.missed(Fixtures.newCaller(), builtIn.defaultNumber());
        calls.runRecipe(builtIn.id(), overLimit);

        JsonNode call = calls.get(builtIn.id(), texted);
        assertThat(call.get("outcome").asText()).isEqualTo("texted");
        assertThat(call.get("textStatus").asText()).isEqualTo("queued");
        assertThat(Instant.parse(call.get("textedAt").asText())).isBefore(Instant.now());
        assertThat(calls.outcome(builtIn.id(), refused)).isEqualTo("landline");
        assertThat(calls.outcome(builtIn.id(), again)).isEqualTo("landline");
        assertThat(textsSentTo(landline)).hasSize(1);
        assertThat(calls.outcome(builtIn.id(), secondText)).isEqualTo("texted");
        assertThat(calls.outcome(builtIn.id(), overLimit)).isEqualTo("limit-reached");

        Account once = account(MissedCallTextBackOnce.KEY);
        String other = Fixtures.newCaller();
        String first = calls.missed(other, once.defaultNumber());
        String second = calls.missed(other, once.defaultNumber());
        assertThat(calls.get(once.id(), first).get("dueAt").isNull()).isFalse();
        assertThat(calls.get(once.id(), second).get("outcomeDetail").asText()).isEqualTo("call 2 within PT20M");

        JsonNode page = calls.list("/api/calls?accountId=" + builtIn.id() + "&outcome=landline&size=1&page=1&from="
                + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("calls").get(0).get("callSid").asText()).isEqualTo(refused);
    }

    private Account account(String recipe) {
        return Fixtures.withSettings(accountRepository, Fixtures.newAccount(accounts, "Postgres Plumbing"),
                new TextBackSettings(true, TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS,
                        recipe));
    }
}
