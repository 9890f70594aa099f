package io.textback.recipes;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static io.textback.support.TwilioStandIn.twilioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

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
import io.textback.messaging.TextMessage;
import io.textback.messaging.SendingRules;
import io.textback.messaging.SendingRulesRepository;
import io.textback.messaging.TextMessageLog;
import io.textback.support.Fixtures;
import io.textback.support.RecipeTest;
import io.textback.support.TwilioStandIn;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The built-in recipe on the real engine, with the real Twilio SDK talking to a stand-in. The
 * job executor is off: each test runs the recipe's jobs itself.
 */
@RecipeTest
class MissedCallTextBackRecipeTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    RecipeStarter recipes;
    @Autowired
    AccountService accountService;
    @Autowired
    AccountRepository accountRepository;
    @Autowired
    TextMessageLog messages;
    @Autowired
    ExternalTaskService external;
    @Autowired
    SendTextWorker sendTexts;
    @Autowired
    ManagementService management;
    @Autowired
    SendingRulesRepository sendingRules;

    Account account;
    String caller;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        TwilioStandIn.acceptTexts();
        account = Fixtures.newAccount(accountService, "Rivera Roofing");
        caller = Fixtures.newCaller();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
        ClockUtil.reset();
    }

    @Test
    void missedCallDuringTheCallersQuietHoursIsHeldUntilTheyEnd() {
        sendingRules.save(account.id(), new SendingRules(null, false, true, LocalTime.of(21, 0), LocalTime.of(8, 0),
                null));
        ZoneId newYork = ZoneId.of("America/New_York");
        caller = "+1212" + (2000000 + (int) (Math.random() * 7000000));
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 7, 14, 23, 30, 0, 0, newYork).toInstant()));

        ProcessInstance instance = missedCall();

        assertThat(instance).isWaitingAt(MissedCallTextBack.Element.HoldUntilQuietHoursEnd.id());
        var hold = management.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
        assertThat(hold.getDuedate().toInstant()).isEqualTo(ZonedDateTime.of(2026, 7, 15, 8, 0, 0, 0, newYork)
                .toInstant());
        execute(hold);
        assertThat(instance).hasPassed(MissedCallTextBack.Element.QuietHoursPassed.id())
                .isWaitingAt(MissedCallTextBack.Element.SendText.id());
        sendTexts.sendDue();
        assertThat(instance).isEnded().hasPassed(MissedCallTextBack.Element.TextSent.id());
        assertThat(textsSentTo(caller)).hasSize(1);
    }

    @Test
    void missedCallIsTextedWithTheAccountsMessage() {
        ProcessInstance instance = missedCall();

        assertThat(instance).isWaitingAt(MissedCallTextBack.Element.SendText.id());
        assertThat(textsSentTo(caller)).as("nothing is sent before the send worker runs").isEmpty();
        assertThat(sendTexts.sendDue()).isEqualTo(1);

        assertThat(instance).hasPassed(MissedCallTextBack.Element.SendText.id()).isEnded();
        assertThat(instance).hasPassed(MissedCallTextBack.Element.TextSent.id());
        List<TextMessage> log = messages.find(account.id(), caller, null, 10);
        assertThat(log).singleElement().satisfies(text -> {
            assertThat(text.body()).isEqualTo("Hi there, sorry we missed your call at Rivera Roofing. "
                    + "How can we help? Reply here and we'll get back to you.");
            assertThat(text.from()).isEqualTo(account.defaultNumber());
            assertThat(text.status()).isEqualTo("queued");
            assertThat(text.providerSid()).startsWith("SM");
        });
        assertThat(textsSentTo(caller)).singleElement().satisfies(request -> {
            assertThat(request.formParameters().get("From").firstValue()).isEqualTo(account.defaultNumber());
            assertThat(request.formParameters().get("Body").firstValue()).startsWith("Hi there, sorry we missed");
        });
    }

    @Test
    void accountTurnedOffGetsNoText() {
        account = Fixtures.withSettings(accountRepository, account,
                new TextBackSettings(false, TextBackSettings.DEFAULT_MESSAGE, 15, MissedCallTextBack.KEY));

        ProcessInstance instance = missedCall();

        assertThat(instance).isEnded().hasPassed(MissedCallTextBack.Element.TextBackDisabled.id());
        assertThat(messages.find(account.id(), caller, null, 10)).isEmpty();
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void twilioOutageIsRetriedAMinuteLaterAndTheTextGoesOutOnceTwilioIsBack() {
        TwilioStandIn.answerTextsTo(caller, twilioError(503, 20003, "Service Unavailable"));
        ProcessInstance instance = missedCall();

        assertThat(sendTexts.sendDue()).isEqualTo(1);
        var task = external.createExternalTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task.getErrorMessage()).contains("Twilio could not take the text").contains("20003");
        assertThat(task.getRetries()).as("R3/PT1M: three more tries").isEqualTo(3);
        assertThat(messages.find(account.id(), caller, null, 10)).singleElement()
                .satisfies(text -> assertThat(text.status()).isEqualTo("retrying"));

        TwilioStandIn.acceptTexts();
        ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(59)));
        assertThat(sendTexts.sendDue()).as("not before the minute is up").isZero();
        ClockUtil.setCurrentTime(Date.from(Instant.now().plusSeconds(61)));
        assertThat(sendTexts.sendDue()).isEqualTo(1);

        assertThat(instance).isEnded();
        assertThat(messages.find(account.id(), caller, null, 10)).singleElement()
                .satisfies(text -> assertThat(text.status()).isEqualTo("queued"));
        assertThat(textsSentTo(caller)).as("requests since Twilio came back").hasSize(1);
    }

    @Test
    void numberTwilioRefusesForGoodIsLoggedAsFailedWithoutRetrying() {
        TwilioStandIn.answerTextsTo(caller, twilioError(400, 21614, "'To' number is not a valid mobile number"));
        ProcessInstance instance = missedCall();

        sendTexts.sendDue();

        assertThat(instance).isEnded().hasPassed(MissedCallTextBack.Element.TextSent.id());
        assertThat(messages.find(account.id(), caller, null, 10)).singleElement().satisfies(text -> {
            assertThat(text.status()).isEqualTo("failed");
            assertThat(text.errorCode()).isEqualTo("21614");
            assertThat(text.errorMessage()).contains("not a valid mobile number");
        });
        assertThat(textsSentTo(caller)).hasSize(1);
    }

    private ProcessInstance missedCall() {
        return recipes.start(account, Fixtures.newCallSid(), caller, account.defaultNumber(), "no-answer",
                Instant.now());
    }
}
