package io.textback.recipes;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.calls.MissedCallService;
import io.textback.calls.MissedCallService.CallEnded;
import io.textback.messaging.SendingRules;
import io.textback.messaging.SendingRulesRepository;
import io.textback.messaging.TextMessageLog;
import io.textback.recipes.MissedCallTextBackFollowUp.Element;
import io.textback.support.EndedInstance;
import io.textback.support.Fixtures;
import io.textback.support.RecipeTest;
import io.textback.support.TwilioStandIn;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The follow-up recipe with the engine's clock moved by the test. The accounts keep the default
 * business hours, Monday to Friday 9:00 to 17:00 UTC, and no quiet hours unless a test switches them on.
 */
@RecipeTest
class MissedCallTextBackFollowUpRecipeTest {

    // Monday 10:00 UTC: a day later is Tuesday, in business hours.
    static final Instant MONDAY_MORNING = Instant.parse("2026-01-12T10:00:00Z");
    static final String FOLLOW_UP = "Hi there, Okafor Electric again, following up on your call. Can we help?";

    @Autowired
    SendTextWorker sendTexts;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    MissedCallService calls;
    @Autowired
    RecipeMessages recipeMessages;
    @Autowired
    AccountService accountService;
    @Autowired
    AccountRepository accountRepository;
    @Autowired
    SendingRulesRepository sendingRules;
    @Autowired
    TextMessageLog messages;

    Account account;
    String caller;
    Instant start;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        TwilioStandIn.acceptTexts();
        account = Fixtures.newAccount(accountService, "Okafor Electric");
        account = Fixtures.withSettings(accountRepository, account, new TextBackSettings(true,
                "Hi {{contact.first_name|there}}, sorry we missed your call.", 15, MissedCallTextBackFollowUp.KEY));
        caller = Fixtures.newCaller();
        start = MONDAY_MORNING;
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void callerWhoNeverRepliesGetsOneFollowUpADayAfterTheFirstText() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);
        ProcessInstance repeat = missedCallAt(Duration.ofMinutes(3));
        assertThat(repeat).isEnded().hasPassed(Element.AlreadyHandled.id());
        firstTextAfterTwentyMinutes(missed);

        Job followUpTimer = timerOf(missed);
        assertThat(followUpTimer.getDuedate()).isEqualTo(Date.from(start.plus(Duration.ofMinutes(20)).plus(Duration.ofDays(1))));
        moveClockTo(Duration.ofMinutes(20).plus(Duration.ofHours(23)));
        assertThat(management.createJobQuery().processInstanceId(missed.getId()).executable().count()).isZero();

        moveClockTo(Duration.ofMinutes(20).plus(Duration.ofDays(1)));
        execute(followUpTimer);
        assertThat(missed).isWaitingAt(Element.SendFollowUp.id());
        sendTexts.sendDue();

        assertThat(missed).isEnded().hasPassed(Element.FollowUpDue.id(), Element.FollowUpSent.id());
        assertThat(bodies()).containsExactly("Hi there, sorry we missed your call.",
                FOLLOW_UP + " Reply here or call us back at " + account.defaultNumber() + ".");
    }

    @Test
    void followUpDueOnSaturdayWaitsUntilMondayMorning() {
        // Friday 16:50 UTC: the first text goes out at 17:10, the follow-up is due on Saturday.
        start = Instant.parse("2026-01-16T16:50:00Z");
        ProcessInstance missed = missedCallAt(Duration.ZERO);
        firstTextAfterTwentyMinutes(missed);

        moveClockTo(Duration.ofMinutes(20).plus(Duration.ofDays(1)));
        execute(timerOf(missed));
        assertThat(missed).isWaitingAt(Element.UntilOpen.id());
        Job untilOpen = timerOf(missed);
        assertThat(untilOpen.getDuedate()).isEqualTo(Date.from(Instant.parse("2026-01-19T09:00:00Z")));
        var variables = runtime.getVariables(missed.getId());
        assertThat(RecipeContract.IN_BUSINESS_HOURS.from(variables)).contains(false);
        assertThat(RecipeContract.NEXT_OPENING.from(variables)).contains(Instant.parse("2026-01-19T09:00:00Z"));
        assertThat(runtime.getVariableTyped(missed.getId(), RecipeContract.NEXT_OPENING.name()).getType())
                .isEqualTo(ValueType.DATE);
        assertThat(bodies()).hasSize(1);

        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-01-19T09:00:00Z")));
        execute(untilOpen);
        sendTexts.sendDue();

        assertThat(missed).isEnded().hasPassed(Element.FollowUpDueAtOpening.id(), Element.FollowUpSent.id());
        assertThat(bodies()).hasSize(2).last().asString().startsWith(FOLLOW_UP);
    }

    @Test
    void followUpDueInTheCallersQuietHoursIsHeldUntilTheyEndThenSent() {
        // A New York caller; Monday 21:00 there (Tuesday 02:00 UTC): the follow-up falls due on Tuesday at
        // 21:20 New York time, in quiet hours, which end on Wednesday at 08:00 there (13:00 UTC, open).
        ZoneId newYork = ZoneId.of("America/New_York");
        caller = "+1212" + (2000000 + (int) (Math.random() * 7000000));
        start = ZonedDateTime.of(2026, 1, 12, 21, 0, 0, 0, newYork).toInstant();
        ProcessInstance missed = missedCallAt(Duration.ZERO);
        firstTextAfterTwentyMinutes(missed);
        // Switched on after the first text: what is held here is the follow-up.
        sendingRules.save(account.id(), new SendingRules(null, false, true, LocalTime.of(21, 0), LocalTime.of(8, 0),
                null));

        moveClockTo(Duration.ofMinutes(20).plus(Duration.ofDays(1)));
        execute(timerOf(missed));
        assertThat(missed).isWaitingAt(Element.HoldFollowUpUntilQuietHoursEnd.id());
        Job hold = timerOf(missed);
        Instant quietHoursEnd = ZonedDateTime.of(2026, 1, 14, 8, 0, 0, 0, newYork).toInstant();
        assertThat(hold.getDuedate()).isEqualTo(Date.from(quietHoursEnd));
        sendTexts.sendDue();
        assertThat(bodies()).hasSize(1);

        ClockUtil.setCurrentTime(Date.from(quietHoursEnd));
        execute(hold);
        assertThat(missed).hasPassed(Element.FollowUpQuietHoursPassed.id(), Element.FollowUpDue.id())
                .isWaitingAt(Element.SendFollowUp.id());
        sendTexts.sendDue();

        assertThat(missed).isEnded().hasPassed(Element.FollowUpQuietHoursNow.id(), Element.FollowUpSent.id());
        assertThat(bodies()).hasSize(2).last().asString().startsWith(FOLLOW_UP);
    }

    @Test
    void replyToTheFirstTextMeansNoFollowUp() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);
        firstTextAfterTwentyMinutes(missed);

        moveClockTo(Duration.ofHours(3));
        assertThat(recipeMessages.textReceived(account.id(), caller)).isEqualTo(1);

        assertThat(missed).isEnded().hasPassed(Element.ReplyTextReceived.id(), Element.Replied.id())
                .hasNotPassed(Element.SendFollowUp.id());
        assertThat(management.createJobQuery().processInstanceId(missed.getId()).count()).isZero();
        assertThat(bodies()).hasSize(1);
    }

    @Test
    void callBackAnsweredAfterTheFirstTextMeansNoFollowUp() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);
        firstTextAfterTwentyMinutes(missed);

        moveClockTo(Duration.ofHours(2));
        calls.outboundCallAnswered(account, Fixtures.newCallSid(), account.defaultNumber(), caller);

        assertThat(missed).isEnded().hasPassed(Element.ReplyCallAnswered.id(), Element.ReachedAfterText.id());
        assertThat(bodies()).hasSize(1);
    }

    @Test
    void anotherMissedCallBeforeTheFollowUpMeansNoFollowUpFromTheFirst() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);
        firstTextAfterTwentyMinutes(missed);
        ProcessInstance later = missedCallAt(Duration.ofHours(4));
        assertThat(later).isWaitingAt(Element.WaitTime.id());

        moveClockTo(Duration.ofMinutes(20).plus(Duration.ofDays(1)));
        execute(timerOf(missed));

        assertThat(missed).isEnded().hasPassed(Element.CalledAgainEnd.id()).hasNotPassed(Element.SendFollowUp.id());
        assertThat(bodies()).hasSize(1);
    }

    @Test
    void callerReachedOrTextingBeforeTheFirstTextGetsNothing() {
        ProcessInstance reached = missedCallAt(Duration.ZERO);
        moveClockTo(Duration.ofMinutes(5));
        calls.outboundCallAnswered(account, Fixtures.newCallSid(), account.defaultNumber(), caller);
        assertThat(reached).isEnded().hasPassed(Element.CallerReached.id());

        ProcessInstance texted = missedCallAt(Duration.ofHours(1));
        moveClockTo(Duration.ofHours(1).plusMinutes(5));
        recipeMessages.textReceived(account.id(), caller);
        assertThat(texted).isEnded().hasPassed(Element.CallerTexted.id());

        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void textBackSwitchedOffDuringTheFirstWaitSendsNothing() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);
        accountRepository.updateSettings(account.id(), new TextBackSettings(false, account.settings().messageTemplate(),
                15, MissedCallTextBackFollowUp.KEY));

        moveClockTo(Duration.ofMinutes(20));
        execute(timerOf(missed));

        assertThat(missed).isEnded().hasPassed(Element.TextBackSwitchedOff.id());
        assertThat(textsSentTo(caller)).isEmpty();
    }

    private void firstTextAfterTwentyMinutes(ProcessInstance missed) {
        moveClockTo(Duration.ofMinutes(20));
        execute(timerOf(missed));
        sendTexts.sendDue();
        assertThat(missed).isWaitingAt(Element.NoReplyTime.id());
        assertThat(bodies()).hasSize(1);
        var variables = runtime.getVariables(missed.getId());
        assertThat(RecipeContract.TEXT_STATUS.from(variables)).contains("queued");
        assertThat(RecipeContract.TEXT_MESSAGE_ID.from(variables))
                .contains(messages.find(account.id(), caller, null, 1).get(0).id());
    }

    private List<String> bodies() {
        return textsSentTo(caller).stream().map(r -> r.formParameters().get("Body").firstValue()).toList();
    }

    private ProcessInstance missedCallAt(Duration offset) {
        moveClockTo(offset);
        var result = calls.callEnded(new CallEnded(account, Fixtures.newCallSid(), caller, account.defaultNumber(),
                "no-answer", start.plus(offset)));
        assertThat(result.outcome()).isEqualTo(MissedCallService.Outcome.STARTED);
        var running = runtime.createProcessInstanceQuery().processInstanceId(result.processInstanceId()).singleResult();
        if (running != null) {
            return running;
        }
        return new EndedInstance(history.createHistoricProcessInstanceQuery()
                .processInstanceId(result.processInstanceId()).singleResult());
    }

    private void moveClockTo(Duration offset) {
        ClockUtil.setCurrentTime(Date.from(start.plus(offset)));
    }

    private Job timerOf(ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    }
}
