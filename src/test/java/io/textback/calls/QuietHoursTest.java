package io.textback.calls;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Quiet hours (21:00-08:00) in the caller's local time, through the webhooks, with the engine's clock
 * moved by the test: a text due at night waits for the morning on the caller's clock, and the
 * recommended recipe still drops it when the caller is reached first.
 */
@EngineTest
class QuietHoursTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    // 23:30 in New York on a winter night; quiet hours end at 08:00 New York time, 13:00 UTC.
    static final ZonedDateTime NIGHT = ZonedDateTime.of(2026, 12, 8, 23, 30, 0, 0, NEW_YORK);
    static final Instant MORNING = ZonedDateTime.of(2026, 12, 9, 8, 0, 0, 0, NEW_YORK).toInstant();

    @Autowired
    AccountService accounts;
    @Autowired
    AccountRepository accountRepository;

    @Autowired
    AppClient app;
    @Autowired
    Calls calls;
    String newYorker;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
        newYorker = "+1212" + (2000000 + ThreadLocalRandom.current().nextInt(7000000));
        clockAt(NIGHT.toInstant());
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aNewYorkCallerMissedAtHalfPastElevenIsTextedAtEightTheirTime() {
        Account account = account(MissedCallTextBack.KEY);
        String callSid = calls.missed(newYorker, account.defaultNumber());

        JsonNode held = calls.get(account.id(), callSid);
        assertThat(held.get("outcome").asText()).isEqualTo("held-quiet-hours");
        assertThat(Instant.parse(held.get("dueAt").asText())).isEqualTo(MORNING);
        assertThat(held.get("outcomeDetail").asText()).isEqualTo("held until 08:00 America/New_York");

        clockAt(MORNING.minus(Duration.ofMinutes(1)));
        runDueJobs(account, callSid);
        assertThat(textsSentTo(newYorker)).isEmpty();

        clockAt(MORNING);
        runDueJobs(account, callSid);
        assertThat(textsSentTo(newYorker)).hasSize(1);
        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("texted");
    }

    @Test
    void theRecommendedRecipeWaitsItsTwentyMinutesThenHoldsUntilEight() {
        Account account = account(MissedCallTextBackOnce.KEY);
        String callSid = calls.missed(newYorker, account.defaultNumber());
        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("waiting");

        clockAt(NIGHT.toInstant().plus(Duration.ofMinutes(20)));
        runDueJobs(account, callSid);

        JsonNode held = calls.get(account.id(), callSid);
        assertThat(held.get("outcome").asText()).isEqualTo("held-quiet-hours");
        assertThat(Instant.parse(held.get("dueAt").asText())).isEqualTo(MORNING);
        clockAt(MORNING.minus(Duration.ofMinutes(1)));
        runDueJobs(account, callSid);
        assertThat(textsSentTo(newYorker)).isEmpty();

        clockAt(MORNING);
        runDueJobs(account, callSid);
        assertThat(textsSentTo(newYorker)).hasSize(1);
        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("texted");
    }

    @Test
    void aCallAnsweredDuringTheHoldCancelsTheText() {
        Account account = account(MissedCallTextBackOnce.KEY);
        String callSid = calls.missed(newYorker, account.defaultNumber());
        clockAt(NIGHT.toInstant().plus(Duration.ofMinutes(20)));
        runDueJobs(account, callSid);
        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("held-quiet-hours");

        calls.answered(newYorker, account.defaultNumber());

        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("reached-during-wait");
        clockAt(MORNING.plus(Duration.ofHours(1)));
        runDueJobs(account, callSid);
        assertThat(textsSentTo(newYorker)).isEmpty();
    }

    @Test
    void itIsTheCallersClockThatCounts() {
        Account account = account(MissedCallTextBack.KEY);
        String losAngeles = Fixtures.newCaller();

        String callSid = calls.missed(losAngeles, account.defaultNumber());
        runDueJobs(account, callSid);

        assertThat(textsSentTo(losAngeles)).as("20:30 in Los Angeles").hasSize(1);
        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("texted");
    }

    @Test
    void withoutQuietHoursNothingWaits() {
        Account account = Fixtures.withSettings(accountRepository, Fixtures.newAccount(accounts, "Night Owl Towing"),
                new TextBackSettings(true, TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS,
                        MissedCallTextBack.KEY));

        String callSid = calls.missed(newYorker, account.defaultNumber());
        runDueJobs(account, callSid);

        assertThat(textsSentTo(newYorker)).hasSize(1);
    }

    private void runDueJobs(Account account, String callSid) {
        // A timer that fires leaves "Send text" as a new job: run until nothing due is left.
        for (int round = 0; round < 3; round++) {
            calls.runDueJobs(account.id(), callSid);
        }
    }

    private static void clockAt(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    private Account account(String recipe) {
        Account account = Fixtures.withSettings(accountRepository, Fixtures.newAccount(accounts, "Brooklyn Boilers"),
                new TextBackSettings(true, TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS,
                        recipe));
        var saved = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/sending-rules",
                "{\"monthlyLimit\":null,\"lineTypeCheck\":false,\"quietHours\":true,\"quietHoursFrom\":\"21:00\","
                        + "\"quietHoursUntil\":\"08:00\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        return account;
    }
}
