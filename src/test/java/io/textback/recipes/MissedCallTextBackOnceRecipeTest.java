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

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.calls.MissedCallService;
import io.textback.calls.MissedCallService.CallEnded;
import io.textback.contacts.ContactRepository;
import io.textback.messaging.SendingRules;
import io.textback.messaging.SendingRulesRepository;
import io.textback.messaging.TextMessageLog;
import io.textback.recipes.MissedCallTextBackOnce.Element;
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
 * The recommended recipe with the engine's clock moved by the test: calls come in through the
 * same service the webhooks use, and the test runs the due jobs itself.
 */
@RecipeTest
class MissedCallTextBackOnceRecipeTest {

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
    ContactRepository contacts;
    @Autowired
    TextMessageLog messages;
    @Autowired
    SendTextWorker sendTexts;
    @Autowired
    SendingRulesRepository sendingRules;

    Account account;
    String caller;
    Instant start;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        TwilioStandIn.acceptTexts();
        account = Fixtures.newAccount(accountService, "Lindqvist Locksmiths");
        account = Fixtures.withSettings(accountRepository, account, new TextBackSettings(true,
                "Hi {{contact.first_name|there}}, {{business.name}} here. We saw your call.", 15,
                MissedCallTextBackOnce.KEY));
        caller = Fixtures.newCaller();
        start = Instant.parse("2026-03-02T09:00:00Z").plusSeconds((long) (Math.random() * 86400 * 300));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void threeMissedCallsInFiveMinutesGetOneTextTwentyMinutesAfterTheFirst() {
        ProcessInstance first = missedCallAt(Duration.ZERO);
        ProcessInstance second = missedCallAt(Duration.ofMinutes(2));
        ProcessInstance third = missedCallAt(Duration.ofMinutes(5));

        assertThat(first).isWaitingAt(Element.WaitTime.id());
        assertThat(second).isEnded().hasPassed(Element.AlreadyHandled.id());
        assertThat(third).isEnded().hasPassed(Element.AlreadyHandled.id());
        assertThat(contacts.find(account.id(), caller).orElseThrow().tags()).containsExactly("3rd+ call");
        var variables = runtime.getVariables(first.getId());
        assertThat(MissedCallStart.of(variables)).isEqualTo(new MissedCallStart(first.getBusinessKey(), account.id(),
                caller, account.defaultNumber(), "no-answer", start));
        assertThat(runtime.getVariableTyped(first.getId(), MissedCallStart.CALLED_AT.name()).getType())
                .as("Cockpit shows when the call rang as a date").isEqualTo(ValueType.DATE);
        assertThat(RecipeContract.CALL_NUMBER_IN_WINDOW.from(variables)).contains(1);
        assertThat(RecipeContract.CALLER_TAG.from(variables)).contains("1st call");

        Job timer = timerOf(first);
        assertThat(timer.getDuedate()).isEqualTo(Date.from(start.plus(Duration.ofMinutes(20))));
        moveClockTo(Duration.ofMinutes(19));
        assertThat(dueJobs(first)).isZero();
        assertThat(textsSentTo(caller)).isEmpty();

        moveClockTo(Duration.ofMinutes(20));
        execute(timer);
        assertThat(first).isWaitingAt(Element.SendText.id());
        sendTexts.sendDue();

        assertThat(first).isEnded().hasPassed(Element.TextSent.id());
        assertThat(textsSentTo(caller)).singleElement().satisfies(request -> assertThat(
                request.formParameters().get("Body").firstValue())
                .isEqualTo("Hi there, Lindqvist Locksmiths here. We saw your call."));
    }

    @Test
    void callWhoseRecipeStartedBeforeCalledAtWasADateIsStillCountedFromWhenItRang() {
        ProcessInstance first = missedCallAt(Duration.ZERO);
        // An instance as earlier versions started it, with calledAt as an ISO-8601 text, two minutes after the
        // first call; it reaches "Tag caller" long after it rang, when the first call is out of the window.
        moveClockTo(Duration.ofMinutes(30));
        String callSid = Fixtures.newCallSid();
        var legacy = new MissedCallStart(callSid, account.id(), caller, account.defaultNumber(), "no-answer", null)
                .toVariables().putValue(MissedCallStart.CALLED_AT.name(), start.plus(Duration.ofMinutes(2)).toString());

        ProcessInstance second = runtime.startProcessInstanceByKey(MissedCallTextBackOnce.KEY, callSid, legacy);

        assertThat(second).isEnded().hasPassed(Element.AlreadyHandled.id());
        assertThat(contacts.find(account.id(), caller).orElseThrow().tags()).containsExactly("2nd call");
        assertThat(first).isWaitingAt(Element.WaitTime.id());
    }

    @Test
    void callBackAnsweredAfterFiveMinutesGivesNoText() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);

        moveClockTo(Duration.ofMinutes(5));
        int notified = calls.outboundCallAnswered(account, Fixtures.newCallSid(), account.defaultNumber(), caller);

        assertThat(notified).isEqualTo(1);
        assertThat(missed).isEnded().hasPassed(Element.CallAnswered.id(), Element.CallerReached.id());
        assertThat(management.createJobQuery().processInstanceId(missed.getId()).count()).isZero();
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void callerWhoGetsThroughOnALaterCallGetsNoText() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);

        moveClockTo(Duration.ofMinutes(3));
        calls.callEnded(new CallEnded(account, Fixtures.newCallSid(), caller, account.defaultNumber(), "completed",
                ClockUtil.getCurrentTime().toInstant()));

        assertThat(missed).isEnded().hasPassed(Element.CallerReached.id());
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void textFromTheCallerDuringTheWaitGivesNoText() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);

        moveClockTo(Duration.ofMinutes(7));
        recipeMessages.textReceived(account.id(), caller);

        assertThat(missed).isEnded().hasPassed(Element.TextReceived.id(), Element.CallerTexted.id());
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void missedCallTwentyFiveMinutesAfterATextedOneGetsASecondText() {
        ProcessInstance first = missedCallAt(Duration.ZERO);
        moveClockTo(Duration.ofMinutes(20));
        execute(timerOf(first));
        sendTexts.sendDue();
        assertThat(textsSentTo(caller)).hasSize(1);

        ProcessInstance later = missedCallAt(Duration.ofMinutes(25));
        assertThat(later).isWaitingAt(Element.WaitTime.id());
        assertThat(contacts.find(account.id(), caller).orElseThrow().tags()).containsExactly("1st call");
        moveClockTo(Duration.ofMinutes(45));
        execute(timerOf(later));
        sendTexts.sendDue();

        assertThat(later).isEnded().hasPassed(Element.TextSent.id());
        assertThat(textsSentTo(caller)).hasSize(2);
        assertThat(messages.find(account.id(), caller, null, 10)).hasSize(2);
    }

    @Test
    void textBackSwitchedOffDuringTheWaitGivesNoText() {
        ProcessInstance missed = missedCallAt(Duration.ZERO);
        accountRepository.updateSettings(account.id(), new TextBackSettings(false, account.settings().messageTemplate(),
                15, MissedCallTextBackOnce.KEY));

        moveClockTo(Duration.ofMinutes(20));
        execute(timerOf(missed));

        assertThat(missed).isEnded().hasPassed(Element.TextBackSwitchedOff.id()).hasNotPassed(Element.SendText.id());
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void textDueInTheCallersQuietHoursIsHeldUntilTheyEndAndAReplyStillCancelsIt() {
        sendingRules.save(account.id(), new SendingRules(null, false, true, LocalTime.of(21, 0), LocalTime.of(8, 0),
                null));
        ZoneId newYork = ZoneId.of("America/New_York");
        caller = "+1212" + (2000000 + (int) (Math.random() * 7000000));
        String other = "+1212" + (2000000 + (int) (Math.random() * 7000000));
        start = ZonedDateTime.of(2026, 1, 20, 23, 30, 0, 0, newYork).toInstant();
        ProcessInstance texted = missedCallAt(Duration.ZERO);
        String first = caller;
        caller = other;
        ProcessInstance replied = missedCallAt(Duration.ZERO);

        moveClockTo(Duration.ofMinutes(20));
        execute(timerOf(texted));
        execute(timerOf(replied));
        assertThat(texted).isWaitingAt(Element.HoldUntilQuietHoursEnd.id());
        Instant eight = ZonedDateTime.of(2026, 1, 21, 8, 0, 0, 0, newYork).toInstant();
        assertThat(timerOf(texted).getDuedate().toInstant()).isEqualTo(eight);
        recipeMessages.textReceived(account.id(), other);
        assertThat(replied).isEnded().hasPassed(Element.CallerTexted.id());

        moveClockTo(Duration.between(start, eight).minusMinutes(1));
        assertThat(dueJobs(texted)).isZero();
        moveClockTo(Duration.between(start, eight));
        execute(timerOf(texted));
        assertThat(texted).hasPassed(Element.QuietHoursPassed.id()).isWaitingAt(Element.SendText.id());
        sendTexts.sendDue();
        assertThat(texted).isEnded().hasPassed(Element.TextSent.id());
        assertThat(textsSentTo(first)).hasSize(1);
        assertThat(textsSentTo(other)).isEmpty();
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
        var ended = history.createHistoricProcessInstanceQuery().processInstanceId(result.processInstanceId())
                .singleResult();
        assertThat(ended).isNotNull();
        return new EndedInstance(ended);
    }

    private void moveClockTo(Duration offset) {
        ClockUtil.setCurrentTime(Date.from(start.plus(offset)));
    }

    private Job timerOf(ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    }

    private long dueJobs(ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).executable().count();
    }
}
