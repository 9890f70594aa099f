package io.textback.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.contacts.ContactRepository;
import io.textback.support.AppClient;
import io.textback.support.Calls;
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** GET /api/calls: newest first, paged, filtered by account, outcome and time, and 400s that name the field. */
@EngineTest
class CallsApiTest {

    @Autowired
    AccountService accounts;
    @Autowired
    ContactRepository contacts;

    @Autowired
    AppClient app;
    @Autowired
    Calls calls;
    Account account;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
        account = Fixtures.newAccount(accounts, "Mensah Dental");
    }

    @Test
    void pagesThroughAnAccountsCallsNewestFirst() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(calls.missed(Fixtures.newCaller(), account.defaultNumber()));
        }
        Account other = Fixtures.newAccount(accounts, "Other Dental");
        calls.missed(Fixtures.newCaller(), other.defaultNumber());

        JsonNode first = calls.list("/api/calls?accountId=" + account.id() + "&size=2");
        JsonNode second = calls.list("/api/calls?accountId=" + account.id() + "&size=2&page=1");
        JsonNode last = calls.list("/api/calls?accountId=" + account.id() + "&size=2&page=2");

        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(sids(first)).containsExactly(made.get(4), made.get(3));
        assertThat(sids(second)).containsExactly(made.get(2), made.get(1));
        assertThat(sids(last)).containsExactly(made.get(0));
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(calls.list("/api/calls?accountId=" + account.id()).get("size").asInt()).isEqualTo(50);
    }

    @Test
    void filtersByOutcomeAndTime() {
        String texted = calls.missed(Fixtures.newCaller(), account.defaultNumber());
        calls.runRecipe(account.id(), texted);
        String answered = calls.answered(Fixtures.newCaller(), account.defaultNumber());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

        assertThat(sids(calls.list("/api/calls?accountId=" + account.id() + "&outcome=texted"))).containsExactly(texted);
        assertThat(sids(calls.list("/api/calls?accountId=" + account.id() + "&outcome=answered")))
                .containsExactly(answered);
        assertThat(sids(calls.list("/api/calls?accountId=" + account.id() + "&from=" + today + "&to=" + today)))
                .containsExactly(answered, texted);
        assertThat(calls.list("/api/calls?accountId=" + account.id() + "&to=" + yesterday).get("total").asLong())
                .isZero();
        String instant = calls.get(account.id(), answered).get("startedAt").asText();
        assertThat(sids(calls.list("/api/calls?accountId=" + account.id() + "&from=" + instant)))
                .containsExactly(answered);
        assertThat(sids(calls.list("/api/calls?accountId=" + account.id() + "&to=" + instant)))
                .containsExactly(texted);
    }

    @Test
    void showsTheContactTheBusinessNamed() {
        String caller = Fixtures.newCaller();
        String callSid = calls.missed(caller, account.defaultNumber());
        contacts.save(account.id(), caller, "Maria", "Lopez", List.of(), java.time.Instant.now());

        JsonNode contact = calls.get(account.id(), callSid).get("contact");
        assertThat(contact.get("firstName").asText()).isEqualTo("Maria");
        assertThat(contact.get("lastName").asText()).isEqualTo("Lopez");
        assertThat(contact.get("name").asText()).isEqualTo("Maria Lopez");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "outcome=sent                 | outcome   | must be one of texted, waiting",
            "from=yesterday               | from      | must be an ISO-8601 date",
            "to=2026-13-01                | to        | must be an ISO-8601 date",
            "from=2026-11-02&to=2026-11-01 | to       | must be after from",
            "page=-1                      | page      | must be a whole number from 0",
            "page=first                   | page      | must be a whole number from 0",
            "size=0                       | size      | must be a whole number from 1 to 200",
            "size=201                     | size      | must be a whole number from 1 to 200",
            "accountId=no-such-account    | accountId | no account 'no-such-account'"})
    void badFiltersAreRefusedNamingTheField(String query, String field, String reason) throws Exception {
        var response = app.getAsAdmin("/api/calls?" + query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = new ObjectMapper().readTree(response.body()).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(field);
        assertThat(error.get("reason").asText()).startsWith(reason);
    }

    @Test
    void needsTheAdminLoginAndIsInTheOpenApiDocument() {
        assertThat(app.get("/api/calls").statusCode()).isEqualTo(401);
        assertThat(app.getAsAdmin("/v3/api-docs").body()).contains("\"/api/calls\"", "outcomeDetail", "cockpitUrl");
    }

    private static List<String> sids(JsonNode page) {
        List<String> sids = new ArrayList<>();
        page.get("calls").forEach(call -> sids.add(call.get("callSid").asText()));
        return sids;
    }
}
