package io.textback.operations;

import io.textback.twilio.TwilioProperties;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * What an operator must know at a glance: whether texts really go out, and whether this node runs
 * recipe jobs. A node whose job executor should run but does not is DOWN: its waits never end.
 */
@Component("textback")
class TextbackHealth implements HealthIndicator {

    private final TwilioProperties twilio;
    private final ProcessEngineConfigurationImpl engine;
    private final boolean jobExecutionEnabled;

    TextbackHealth(TwilioProperties twilio, ProcessEngine engine,
                   @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutionEnabled) {
        this.twilio = twilio;
        this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        this.jobExecutionEnabled = jobExecutionEnabled;
    }

    @Override
    public Health health() {
        var jobExecutor = engine.getJobExecutor();
        String state = !jobExecutionEnabled ? "disabled"
                : jobExecutor != null && jobExecutor.isActive() ? "running" : "stopped";
        var health = "stopped".equals(state) ? Health.down() : Health.up();
        health.withDetail("textsSimulated", !twilio.canSend()).withDetail("jobExecutor", state);
        if (jobExecutor != null) {
            health.withDetail("jobLockTimeMillis", jobExecutor.getLockTimeInMillis());
        }
        return health.build();
    }
}
