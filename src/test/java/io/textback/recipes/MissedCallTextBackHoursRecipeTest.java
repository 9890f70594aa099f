package io.textback.recipes;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumMap;
import java.util.Set;
import java.util.TreeSet;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.calls.MissedCallService;
import io.textback.calls.MissedCallService.CallEnded;
import io.textback.hours.BusinessHours;
import io.textback.hours.BusinessHoursRepository;
import io.textback.recipes.MissedCallTextBackHours.Element;
import io.textback.support.EndedInstance;
import io.textback.support.Fixtures;
import io.textback.support.RecipeTest;
import io.textback.support.TwilioStandIn;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The after-hours recipe with the engine's clock set to the moment of each call, for businesses
 * west of UTC (whose evening is already tomorrow in UTC) and east of it (whose morning is still
 * yesterday in UTC). Every business here opens Monday to Friday, 9:00 to 17:00 local time.
 */
@RecipeTest
class MissedCallTextBackHoursRecipeTest {

    static final String DAY_MESSAGE = "Hi {{contact.first_name|there}}, {{business.name}} here. We saw your call.";
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    SendTextWorker sendTexts;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    MissedCallService calls;
    @Autowired
    AccountService accountService;
    @Autowired
    AccountRepository accountRepository;
    @Autowired
    BusinessHoursRepository businessHours;

    Account account;
    String caller;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        TwilioStandIn.acceptTexts();
        account = Fixtures.newAccount(accountService, "Nakamura Plumbing");
        account = Fixtures.withSettings(accountRepository, account, new TextBackSettings(true, DAY_MESSAGE, 15,
                MissedCallTextBackHours.KEY));
        caller = Fixtures.newCaller();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void callAtHalfPastFourInLosAngelesGetsTheDayMessageThoughItIsTomorrowInUtc() {
        openWeekdaysNineToFive(LOS_ANGELES, Set.of());

        // Tuesday 2026-01-13 16:30 in Los Angeles is Wednesday 00:30 UTC.
        ProcessInstance instance = missedCallAt("2026-01-14T00:30:00Z");

        assertThat(instance).isWaitingAt(Element.SendDayText.id());
        sendTexts.sendDue();
        assertThat(instance).isEnded().hasPassed(Element.DayTextSent.id());
        assertThat(textSent()).isEqualTo("Hi there, Nakamura Plumbing here. We saw your call.");
    }

    @Test
    void callAtHalfPastEightInTokyoGetsTheAfterHoursMessageThoughItIsMidMorningOfTheDayBeforeInUtc() {
        openWeekdaysNineToFive(TOKYO, Set.of());

        // Tuesday 2026-01-13 08:30 in Tokyo is Monday 23:30 UTC, when a UTC schedule would be closed too but for a day.
        ProcessInstance instance = missedCallAt("2026-01-12T23:30:00Z");

        assertThat(instance).isWaitingAt(Element.SendAfterHoursText.id());
        sendTexts.sendDue();
        assertThat(instance).isEnded().hasPassed(Element.AfterHoursTextSent.id());
        assertThat(textSent()).isEqualTo("Hi there, thanks for calling Nakamura Plumbing. We're closed until today "
                + "at 9:00 AM and will get back to you then. Reply here anytime.");
    }

    @Test
    void callOnFridayEveningInLosAngelesIsToldMonday() {
        openWeekdaysNineToFive(LOS_ANGELES, Set.of());

        // Friday 2026-01-16 17:00 in Los Angeles (closing time) is Saturday 01:00 UTC.
        ProcessInstance instance = missedCallAt("2026-01-17T01:00:00Z");

        sendTexts.sendDue();
        assertThat(instance).isEnded().hasPassed(Element.SendAfterHoursText.id());
        assertThat(textSent()).contains("We're closed until Monday at 9:00 AM");
    }

    @Test
    void closedDayInTokyoIsClosedAllDayByTokyoDate() {
        // Tuesday 2026-01-13 is a holiday in Tokyo; 10:00 there is 01:00 UTC on the same date.
        openWeekdaysNineToFive(TOKYO, Set.of(LocalDate.parse("2026-01-13")));

        ProcessInstance instance = missedCallAt("2026-01-13T01:00:00Z");

        sendTexts.sendDue();
        assertThat(instance).isEnded().hasPassed(Element.AfterHoursTextSent.id());
        assertThat(textSent()).contains("We're closed until tomorrow at 9:00 AM");
    }

    @Test
    void closedDayInLosAngelesStillCountsAfterMidnightUtc() {
        // Monday 2026-01-12 is a holiday in Los Angeles; 16:30 there is already Tuesday 00:30 UTC.
        openWeekdaysNineToFive(LOS_ANGELES, Set.of(LocalDate.parse("2026-01-12")));

        ProcessInstance instance = missedCallAt("2026-01-13T00:30:00Z");

        sendTexts.sendDue();
        assertThat(instance).isEnded().hasPassed(Element.AfterHoursTextSent.id());
        assertThat(textSent()).contains("We're closed until tomorrow at 9:00 AM");
    }

    @Test
    void accountTurnedOffGetsNoTextInOrOutOfHours() {
        openWeekdaysNineToFive(TOKYO, Set.of());
        accountRepository.updateSettings(account.id(), new TextBackSettings(false, DAY_MESSAGE, 15,
                MissedCallTextBackHours.KEY));
        account = accountRepository.findById(account.id()).orElseThrow();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-01-13T01:00:00Z")));

        String callSid = Fixtures.newCallSid();
        ProcessInstance instance = runtime.startProcessInstanceByKey(MissedCallTextBackHours.KEY, callSid,
                new MissedCallStart(callSid, account.id(), caller, account.defaultNumber(), "busy",
                        ClockUtil.getCurrentTime().toInstant()).toVariables());

        assertThat(instance).isEnded().hasPassed(Element.TextBackDisabled.id())
                .hasNotPassed(Element.CheckBusinessHours.id());
        assertThat(textsSentTo(caller)).isEmpty();
    }

    private void openWeekdaysNineToFive(ZoneId zone, Set<LocalDate> closedDays) {
        var week = new EnumMap<DayOfWeek, BusinessHours.Opening>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getValue() <= 5) {
                week.put(day, new BusinessHours.Opening(LocalTime.of(9, 0), LocalTime.of(17, 0)));
            }
        }
        businessHours.save(account.id(), new BusinessHours(zone, week, new TreeSet<>(closedDays), true));
    }

    private ProcessInstance missedCallAt(String instant) {
        Instant at = Instant.parse(instant);
        ClockUtil.setCurrentTime(Date.from(at));
        var result = calls.callEnded(new CallEnded(account, Fixtures.newCallSid(), caller, account.defaultNumber(),
                "no-answer", at));
        assertThat(result.outcome()).isEqualTo(MissedCallService.Outcome.STARTED);
        var running = runtime.createProcessInstanceQuery().processInstanceId(result.processInstanceId()).singleResult();
        if (running != null) {
            return running;
        }
        return new EndedInstance(history.createHistoricProcessInstanceQuery()
                .processInstanceId(result.processInstanceId()).singleResult());
    }

    private String textSent() {
        return textsSentTo(caller).get(0).formParameters().get("Body").firstValue();
    }
}
