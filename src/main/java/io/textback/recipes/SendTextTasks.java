package io.textback.recipes;

import java.util.ArrayList;
import java.util.List;

import io.textback.messaging.Channel;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.ExternalTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.stereotype.Component;

/**
 * Every "Send text" task of every recipe, also one a user draws in Modeler: its retry cycle and
 * channel are checked when the recipe is deployed, and the send worker is woken as soon as the transaction
 * that reached the task commits, instead of at its next poll.
 */
@Component
class SendTextTasks extends AbstractProcessEnginePlugin {

    private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

    private final SendTextSignal signal;

    SendTextTasks(SendTextSignal signal) {
        this.signal = signal;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof ExternalTaskActivityBehavior
                        && SendTextTask.TOPIC.equals(element.attributeNS(CAMUNDA, "topic"))) {
                    String cycle = property(element, SendTextTask.PROPERTY_RETRY_CYCLE);
                    if (cycle != null) {
                        SendTextTask.RetryCycle.parse(cycle);
                    }
                    String channel = property(element, SendTextTask.PROPERTY_CHANNEL);
                    if (channel != null) {
                        Channel.fromLabel(channel);
                    }
                    activity.addListener(ExecutionListener.EVENTNAME_START, execution -> Context.getCommandContext()
                            .getTransactionContext()
                            .addTransactionListener(TransactionState.COMMITTED, committed -> signal.wake()));
                }
            }
        });
        configuration.setCustomPostBPMNParseListeners(listeners);
    }

    private static String property(Element task, String name) {
        Element extensions = task.element("extensionElements");
        Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
        if (properties == null) {
            return null;
        }
        for (Element property : properties.elementsNS(CAMUNDA, "property")) {
            if (name.equals(property.attribute("name"))) {
                return property.attribute("value");
            }
        }
        return null;
    }
}
