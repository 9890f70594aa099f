package io.textback.recipes;

import io.textback.calls.CallLog;
import io.textback.calls.CallOutcomes;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the engine's own handler record the incident, then writes "incident at &lt;element&gt;:
 * &lt;reason&gt;" on the record of the call whose recipe failed, in the same transaction.
 */
class NotingIncidentHandler implements IncidentHandler {

    private static final Logger log = LoggerFactory.getLogger(NotingIncidentHandler.class);

    private final IncidentHandler engineHandler;
    private final CallLog calls;
    private final CallOutcomes outcomes;

    NotingIncidentHandler(IncidentHandler engineHandler, CallLog calls, CallOutcomes outcomes) {
        this.engineHandler = engineHandler;
        this.calls = calls;
        this.outcomes = outcomes;
    }

    @Override
    public String getIncidentHandlerType() {
        return engineHandler.getIncidentHandlerType();
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
        Incident incident = engineHandler.handleIncident(context, message);
        if (incident.getProcessInstanceId() != null) {
            String note = "incident at " + elementName(context) + ": " + (message == null ? "no reason given" : message);
            calls.findByProcessInstance(incident.getProcessInstanceId()).ifPresent(call -> {
                calls.note(call.callSid(), note);
                outcomes.failed(call.callSid(), note);
                log.warn("Call {}: {}", call.callSid(), note);
            });
        }
        return incident;
    }

    @Override
    public void resolveIncident(IncidentContext context) {
        if (!stillHasRetries(context)) {
            engineHandler.resolveIncident(context);
        }
    }

    @Override
    public void deleteIncident(IncidentContext context) {
        if (!stillHasRetries(context)) {
            engineHandler.deleteIncident(context);
        }
    }

    /**
     * True when the job or external task the incident would be about is in this command with retries
     * left: the engine makes its incident when the retries reach 0 and removes it when they are given
     * back (before they change), so there is none to look for. The engine looked anyway, once or twice
     * for every job and external task deleted, as each step of a recipe is.
     */
    private boolean stillHasRetries(IncidentContext context) {
        String id = context.getConfiguration();
        if (id == null || Context.getCommandContext() == null) {
            return false;
        }
        var entities = Context.getCommandContext().getDbEntityManager();
        if (Incident.FAILED_JOB_HANDLER_TYPE.equals(getIncidentHandlerType())) {
            // Looked up as the cache keeps every kind of job, so that a job read only for its lock is no error.
            return entities.getCachedEntity(AcquirableJobEntity.class, id) instanceof JobEntity job && job.getRetries() > 0;
        }
        if (Incident.EXTERNAL_TASK_HANDLER_TYPE.equals(getIncidentHandlerType())) {
            ExternalTaskEntity task = entities.getCachedEntity(ExternalTaskEntity.class, id);
            return task != null && task.areRetriesLeft();
        }
        return false;
    }

    /** The element as Modeler shows it: its name and, to find it in the diagram, its id. */
    private static String elementName(IncidentContext context) {
        String id = context.getActivityId();
        ActivityImpl activity = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(context.getProcessDefinitionId()).findActivity(id);
        String name = activity == null ? null : activity.getName();
        return name == null || name.isBlank() ? id : "\"" + name + "\" (" + id + ")";
    }
}
