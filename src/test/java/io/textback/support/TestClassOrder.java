package io.textback.support;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The order of test classes (junit-platform.properties): tests of app processes (tagged
 * {@code app-process}) first, so that they start at once beside the others ({@link #APP_PROCESS_TESTS}); then the classes sharing an application context
 * one after the other, a class that dirties its context last among them; then the rest. Classes that
 * run in a thread of their own start as soon as a thread is free, in this order.
 */
public class TestClassOrder implements ClassOrderer {

    /**
     * The cluster test first, the longest. Then the restart test and the Dockerfile replay, which take
     * turns; threads take the classes as they become free, so either of the two may run first.
     */
    static final List<String> APP_PROCESS_TESTS = List.of("PostgresClusterTest", "RestartDuringWaitTest",
            "DockerfileReplayTest");
    /**
     * The families that move the engine's clock last: until then the simulated app's classes, which
     * may not run beside them, have run in their own thread.
     */
    static final List<Class<?>> CONTEXTS = List.of(SimulatedAppTest.class, ScaledTimeAppTest.class,
            AppWithTwilioStandInTest.class, EngineTest.class, RecipeTest.class);

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(TestClassOrder::group)
                .thenComparing(descriptor -> descriptor.isAnnotated(DirtiesContext.class))
                .thenComparingInt(TestClassOrder::appProcessRank)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int group(ClassDescriptor descriptor) {
        if (descriptor.findRepeatableAnnotations(Tag.class).stream().anyMatch(tag -> tag.value().equals("app-process"))) {
            return 0;
        }
        for (int i = 0; i < CONTEXTS.size(); i++) {
            @SuppressWarnings("unchecked")
            var annotation = (Class<? extends java.lang.annotation.Annotation>) CONTEXTS.get(i);
            if (descriptor.isAnnotated(annotation)) {
                return 1 + i;
            }
        }
        return 1 + CONTEXTS.size();
    }

    private static int appProcessRank(ClassDescriptor descriptor) {
        int rank = APP_PROCESS_TESTS.indexOf(descriptor.getTestClass().getSimpleName());
        return rank < 0 ? APP_PROCESS_TESTS.size() : rank;
    }
}
