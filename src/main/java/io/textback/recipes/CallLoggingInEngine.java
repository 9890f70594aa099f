package io.textback.recipes;

import io.textback.system.CallLogContext;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Every delegate and expression a recipe runs (in a webhook or a job, the Twilio request included)
 * logs with the call's ids: the business key is the CallSid, the account a start variable.
 */
@Component
class CallLoggingInEngine extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        DelegateInterceptor engineOwn = configuration.getDelegateInterceptor();
        configuration.setDelegateInterceptor(invocation -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            try {
                label(invocation);
                engineOwn.handleInvocation(invocation);
            } finally {
                restore(before);
            }
        });
    }

    private static void label(DelegateInvocation invocation) {
        if (invocation.getContextExecution() instanceof DelegateExecution execution) {
            CallLogContext.call(execution.getProcessBusinessKey(),
                    RecipeContract.ACCOUNT_ID.from(execution).orElse(null));
            CallLogContext.processInstance(execution.getProcessInstanceId());
        }
    }

    private static void restore(Map<String, String> before) {
        for (String key : new String[] {CallLogContext.CALL_SID, CallLogContext.ACCOUNT_ID,
                CallLogContext.PROCESS_INSTANCE_ID}) {
            String value = before == null ? null : before.get(key);
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }
}
