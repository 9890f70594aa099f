package io.textback.support;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before a test class on a shared engine whose jobs the tests run themselves: the recipes earlier
 * classes left waiting are deleted (without their listeners: nothing is recorded or sent for them),
 * and the engine's clock is the real one. The class then starts as on a new engine, but for history.
 */
public class RecipesLeftRunningRemoved implements TestExecutionListener, Ordered {

    @Override
    public int getOrder() {
        // Before the coverage listener opens the class's suite.
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        ClockUtil.reset();
        RuntimeService runtime = testContext.getApplicationContext().getBean(RuntimeService.class);
        List<String> left = runtime.createProcessInstanceQuery().list().stream().map(ProcessInstance::getId).toList();
        if (!left.isEmpty()) {
            runtime.deleteProcessInstances(left, "left by an earlier test class", true, true);
        }
    }
}
