package io.textback.recipes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** The engine's managers (its sessions per command) replaced by the app's own, before the engine starts. */
final class EngineManagers {

    private EngineManagers() {
    }

    /** From now on, every command that asks for a {@code type} gets a new one from {@code manager}. */
    static <T extends Session> void replace(ProcessEngineConfigurationImpl configuration, Class<T> type,
                                            Supplier<? extends T> manager) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return type;
            }

            @Override
            public Session openSession() {
                return manager.get();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }
}
