package io.textback.recipes;

import io.textback.calls.CallOutcome;
import io.textback.calls.CallOutcomes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.textback.accounts.AccountRepository;
import io.textback.messaging.CallerTimeZones;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ProcessDefinitionImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Gives every recipe, shipped or drawn in Modeler, a call outcome without a line of code: each
 * deployed process gets listeners on its timers (the call is "waiting" until the timer's due time)
 * and its end events (the outcome the event declares, else "no-text" if nothing was decided).
 * An element declares its outcome with the extension property {@value #PROPERTY}.
 */
@Component
class RecipeOutcomeListeners extends AbstractProcessEnginePlugin {

    static final String PROPERTY = "textback.outcome";
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    private final CallOutcomes outcomes;
    private final AccountRepository accounts;
    private final CallerTimeZones zones;

    RecipeOutcomeListeners(CallOutcomes outcomes, AccountRepository accounts, CallerTimeZones zones) {
        this.outcomes = outcomes;
        this.accounts = accounts;
        this.zones = zones;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new Parser());
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private class Parser extends AbstractBpmnParseListener {

        @Override
        public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
            CallOutcome declared = declared(element).orElse(null);
            // An end event inside a subprocess ends only the subprocess; the recipe runs on.
            if (declared != null || scope instanceof ProcessDefinitionImpl) {
                activity.addListener(ExecutionListener.EVENTNAME_END,
                        (ExecutionListener) execution -> outcomes.ended(callSid(execution), declared));
            }
        }

        @Override
        public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
            if (element.element("timerEventDefinition") == null) {
                return;
            }
            CallOutcome outcome = declared(element).orElse(CallOutcome.WAITING);
            if (!CallOutcome.PENDING.contains(outcome) || outcome == CallOutcome.RUNNING) {
                throw new BpmnParseException("Timer '" + activity.getId() + "': " + PROPERTY + " may be "
                        + CallOutcome.WAITING.code() + " or " + CallOutcome.HELD_QUIET_HOURS.code() + ", not '"
                        + outcome.code() + "'", element);
            }
            activity.addListener(ExecutionListener.EVENTNAME_START, (ExecutionListener) execution -> {
                Instant dueAt = dueAt(execution, activity.getId());
                outcomes.waiting(callSid(execution), outcome, dueAt,
                        outcome == CallOutcome.HELD_QUIET_HOURS ? heldUntil(execution, dueAt) : null);
            });
            activity.addListener(ExecutionListener.EVENTNAME_END,
                    (ExecutionListener) execution -> outcomes.waitOver(callSid(execution)));
        }

        private Optional<CallOutcome> declared(Element element) {
            Element extensions = element.element("extensionElements");
            Element properties = extensions == null ? null
                    : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
            if (properties == null) {
                return Optional.empty();
            }
            for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
                if (PROPERTY.equals(property.attribute("name"))) {
                    String code = property.attribute("value");
                    return Optional.of(CallOutcome.fromCode(code).orElseThrow(() -> new BpmnParseException(
                            "Element '" + element.attribute("id") + "': " + PROPERTY + " '" + code
                                    + "' is not one of " + CallOutcome.codes(), element)));
                }
            }
            return Optional.empty();
        }
    }

    private static String callSid(DelegateExecution execution) {
        return MissedCallStart.CALL_SID.from(execution).orElseGet(execution::getProcessBusinessKey);
    }

    /** "held until 08:00 America/New_York": the end of the hold on the caller's clock. */
    private String heldUntil(DelegateExecution execution, Instant dueAt) {
        String accountId = RecipeContract.ACCOUNT_ID.from(execution).orElse(null);
        String caller = RecipeContract.CALLER.from(execution).orElse(null);
        if (dueAt == null || accountId == null || caller == null) {
            return null;
        }
        return accounts.findById(accountId).map(account -> {
            ZoneId zone = zones.of(account, caller);
            return "held until " + HOURS.format(dueAt.atZone(zone)) + " " + zone.getId();
        }).orElse(null);
    }

    /** The due time of the timer this execution just created. */
    private static Instant dueAt(DelegateExecution execution, String activityId) {
        for (JobEntity job : ((ExecutionEntity) execution).getJobs()) {
            if (job instanceof TimerEntity && activityId.equals(job.getActivityId()) && job.getDuedate() != null) {
                return job.getDuedate().toInstant();
            }
        }
        return null;
    }
}
