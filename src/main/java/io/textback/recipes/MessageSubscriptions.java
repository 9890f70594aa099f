package io.textback.recipes;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;
import org.springframework.stereotype.Component;

/**
 * A recipe's message subscriptions ("Caller reached", "Caller texted") deleted without asking the
 * database for the jobs that deliver an event later. The engine makes such jobs only for signals and
 * compensation thrown asynchronously, never for a message (it correlates messages at once), yet it
 * looked for them at every deleted subscription: two queries per recipe that ends its wait. Signal,
 * compensation and conditional subscriptions are deleted as the engine deletes them.
 */
@Component
class MessageSubscriptions extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, EventSubscriptionManager.class, Subscriptions::new);
    }

    static final class Subscriptions extends EventSubscriptionManager {
        @Override
        public void deleteEventSubscription(EventSubscriptionEntity subscription) {
            if (subscription.isSubscriptionForEventType(EventType.MESSAGE)) {
                getDbEntityManager().delete(subscription);
            } else {
                super.deleteEventSubscription(subscription);
            }
        }
    }
}
