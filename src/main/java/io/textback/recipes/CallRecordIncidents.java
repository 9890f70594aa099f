package io.textback.recipes;

import java.util.ArrayList;
import java.util.List;

import io.textback.calls.CallLog;
import io.textback.calls.CallOutcomes;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * A recipe that fails at run time becomes an incident in Cockpit as usual, and the call that
 * started it says so on its record, so whoever looks at the call sees why no text went out.
 */
@Component
class CallRecordIncidents extends AbstractProcessEnginePlugin {

    private final CallLog calls;
    private final CallOutcomes outcomes;

    CallRecordIncidents(CallLog calls, CallOutcomes outcomes) {
        this.calls = calls;
        this.outcomes = outcomes;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomIncidentHandlers());
        for (String type : List.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE)) {
            handlers.add(new NotingIncidentHandler(new DefaultIncidentHandler(type), calls, outcomes));
        }
        configuration.setCustomIncidentHandlers(handlers);
    }
}
