package io.textback.recipes;

import io.textback.calls.CallLog;
import io.textback.calls.CallOutcomes;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
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
        engineHandler.resolveIncident(context);
    }

    @Override
    public void deleteIncident(IncidentContext context) {
        engineHandler.deleteIncident(context);
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
