package io.textback.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Recipe instances read together give the engine what it reads itself: the variables a fetch hands the
 * send worker (a subprocess's own input hiding the instance's variable of that name), and completions
 * that end each instance with nothing of it left behind, an instance that ended meanwhile skipped. On
 * H2 ({@link InstancesReadTogetherTest}) and PostgreSQL ({@link InstancesReadTogetherPostgresTest}).
 */
abstract class InstancesReadTogetherChecks {

    private static final String TOPIC = "test.read-together";

    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ExternalTaskService externalTasks;

    private String key;

    @BeforeEach
    void deploy() {
        key = "read-together-" + System.nanoTime();
        BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent()
                .subProcess("Wait").embeddedSubProcess()
                    .startEvent()
                    .serviceTask("Send").camundaExternalTask(TOPIC)
                    .endEvent()
                .subProcessDone()
                .endEvent()
                .moveToActivity("Wait").boundaryEvent("Answered").message("CallAnswered").endEvent()
                .done();
        SubProcess wait = model.getModelElementById("Wait");
        CamundaInputOutput io = model.newInstance(CamundaInputOutput.class);
        CamundaInputParameter caller = model.newInstance(CamundaInputParameter.class);
        caller.setCamundaName("caller");
        caller.setTextContent("+15550000000");
        io.addChildElement(caller);
        wait.builder().addExtensionElement(io);
        repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy();
    }

    @Test
    void fetchedTasksCarryTheVariablesTheEngineReadsForEachExecution() {
        var started = startThree();

        List<LockedExternalTask> fetched = externalTasks.fetchAndLock(10, "test-worker")
                .topic(TOPIC, 60_000).variables("caller", "accountId", "callSid", "missing").execute();

        assertThat(fetched).extracting(LockedExternalTask::getProcessInstanceId)
                .containsExactlyInAnyOrderElementsOf(started);
        for (LockedExternalTask task : fetched) {
            assertThat(task.getVariables())
                    .containsExactlyInAnyOrderEntriesOf(runtime.getVariables(task.getExecutionId(),
                            List.of("caller", "accountId", "callSid", "missing")))
                    .containsEntry("caller", "+15550000000")
                    .containsEntry("callSid", "CA-" + task.getProcessInstanceId().length())
                    .doesNotContainKey("missing");
        }
    }

    @Test
    void completedTogetherEachInstanceEndsWithNothingLeftAndAnEndedOneIsSkipped() {
        var started = startThree();
        List<LockedExternalTask> fetched = externalTasks.fetchAndLock(10, "test-worker").topic(TOPIC, 60_000).execute();
        String ended = started.get(2);
        runtime.deleteProcessInstance(ended, "ended meanwhile");
        var ofTasks = new ArrayList<>(fetched.stream().filter(task -> !task.getProcessInstanceId().equals(ended)).toList());

        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        var readTogether = configuration.getCommandExecutorTxRequired().execute(context -> {
            InstancesReadTogether.read(context, started, EnumSet.of(InstancesReadTogether.Rows.EXTERNAL_TASKS));
            var db = context.getDbEntityManager();
            var found = Map.of(
                    "instances", started.stream().filter(id -> db.getCachedEntity(ExecutionEntity.class, id) != null).count(),
                    "variables", (long) db.getCachedEntitiesByType(VariableInstanceEntity.class).size(),
                    "tasks", (long) db.getCachedEntitiesByType(ExternalTaskEntity.class).size());
            for (LockedExternalTask task : ofTasks) {
                new CompleteExternalTaskCmd(task.getId(), "test-worker", Variables.putValue("textStatus", "sent"), null)
                        .execute(context);
            }
            return found;
        });

        // Two instances running, each with its caller, accountId and callSid, and its subprocess's caller.
        assertThat(readTogether).containsEntry("instances", 2L).containsEntry("variables", 8L).containsEntry("tasks", 2L);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(started.toArray(String[]::new)).count()).isZero();
        assertThat(externalTasks.createExternalTaskQuery().processInstanceIdIn(started.toArray(String[]::new)).count()).isZero();
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(started.get(0)).count()).isZero();
    }

    private List<String> startThree() {
        var started = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            String id = runtime.startProcessInstanceByKey(key, Variables.putValue("caller", "+15551234567")
                    .putValue("accountId", "account-" + i)).getId();
            runtime.setVariable(id, "callSid", "CA-" + id.length());
            started.add(id);
        }
        return started;
    }
}
