package io.textback.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.recipes.SendTextWorker;
import io.textback.support.AppClient;
import io.textback.support.Calls;
import io.textback.support.Fixtures;
import io.textback.support.ModelerDeploy;
import io.textback.support.Recipes;
import io.textback.support.ScaledTimeAppTest;
import io.textback.support.TwilioStandIn;
import io.textback.support.TwilioStandInServer;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Many recipes' waits ending at the same moment, one of them in a recipe whose next step cannot be
 * evaluated (a typo saved from Modeler): the job threads run such steps together, and the broken one
 * holds none of the others back. Every other caller gets their one text as soon as their wait is over,
 * and the broken recipe stops at its step with an incident that names the typo, texting nobody;
 * Cockpit's retry and cancel clear that incident.
 */
@ExcludeFromProcessCoverage
@ScaledTimeAppTest
class StepsDueTogetherTest {

    static final TwilioStandInServer twilio = TwilioStandIn.ofScaledTimeApp();
    static final String WAIT_TIMER = "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">${waits.duration(wait)}</bpmn:timeDuration>";
    static final String STILL_ON = "${textBack.enabled(accountId)}";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AccountService accounts;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    ManagementService management;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    SendTextWorker sendTexts;

    @Test
    void aBrokenStepAmongWaitsEndingTogetherStopsOnlyItsOwnRecipe() {
        // Far enough ahead for 27 answered webhooks on a busy machine; the test asserts they all came before.
        Instant due = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        String fine = deploy("waits-until", due, STILL_ON);
        String typo = deploy("waits-until-typo", due, "${textBackStillOnn}");
        Account fineAccount = Fixtures.newAccount(accounts, "Lindqvist Roofing", fine);
        Account typoAccount = Fixtures.newAccount(accounts, "Lindqvist Roofing", typo);
        Calls calls = new Calls(new AppClient(port), management, externalTasks, sendTexts);

        List<String> callers = new ArrayList<>();
        Map<String, String> typoCalls = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            if (i % 8 == 4) {
                String typoCaller = Fixtures.newCaller();
                typoCalls.put(calls.missed(typoCaller, typoAccount.defaultNumber()), typoCaller);
            }
            String caller = Fixtures.newCaller();
            callers.add(caller);
            calls.missed(caller, fineAccount.defaultNumber());
        }
        assertThat(Instant.now()).as("every call answered before the waits end").isBefore(due);

        await().atMost(Duration.ofSeconds(30)).until(() -> callers.stream().allMatch(c -> twilio.textsSentTo(c).size() == 1));
        List<Incident> typoIncidents = new ArrayList<>();
        typoCalls.forEach((call, typoCaller) -> {
            String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(call).singleResult().getId();
            await().atMost(Duration.ofSeconds(20)).until(() -> !incidents(instance).isEmpty());
            Incident incident = incidents(instance).get(0);
            assertThat(incident.getIncidentMessage()).contains("textBackStillOnn");
            assertThat(incident.getActivityId()).isEqualTo("WaitTime");
            assertThat(twilio.textsSentTo(typoCaller)).isEmpty();
            typoIncidents.add(incident);
        });

        // Cockpit: "Retry" on the first gives the step its retries back and clears its incident (the
        // typo fails again and makes a new one); cancelling the second takes its incident with it.
        Incident retried = typoIncidents.get(0);
        management.setJobRetries(retried.getConfiguration(), 1);
        assertThat(runtime.createIncidentQuery().incidentId(retried.getId()).count()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> incidents(retried.getProcessInstanceId()).stream()
                .anyMatch(again -> !again.getId().equals(retried.getId())));
        Incident cancelled = typoIncidents.get(1);
        runtime.deleteProcessInstance(cancelled.getProcessInstanceId(), "cancelled in Cockpit");
        assertThat(runtime.createIncidentQuery().incidentId(cancelled.getId()).count()).isZero();
        for (String caller : callers) {
            assertThat(twilio.textsSentTo(caller)).as("texts to " + caller).hasSize(1);
        }
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(fine).finished().list())
                .hasSize(callers.size()).allSatisfy(ended -> assertThat(ended.getEndActivityId()).isEqualTo("TextSent"));
    }

    private List<Incident> incidents(String processInstanceId) {
        return runtime.createIncidentQuery().processInstanceId(processInstanceId).list();
    }

    /** The recommended recipe as a user would save it with its wait ending at a set time. */
    private String deploy(String prefix, Instant due, String stillOn) {
        String key = Recipes.newKey(prefix);
        String bpmn = Recipes.shipped(MissedCallTextBackOnce.KEY);
        assertThat(bpmn).contains(WAIT_TIMER, STILL_ON);
        bpmn = Recipes.withKey(bpmn, MissedCallTextBackOnce.KEY, key)
                .replace(WAIT_TIMER, "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">" + due + "</bpmn:timeDate>")
                .replace(STILL_ON, stillOn);
        var deployed = ModelerDeploy.to(port, engine).deploy(key, key + ".bpmn", bpmn);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        return key;
    }
}
