package io.textback.support;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The order of test classes (junit-platform.properties): the classes sharing an application context
 * one after the other, a class that dirties its context last among them; then the rest.
 */
public class TestClassOrder implements ClassOrderer {

    static final List<Class<?>> CONTEXTS = List.of(EngineTest.class, RecipeTest.class, ScaledTimeAppTest.class,
            AppWithTwilioStandInTest.class, SimulatedAppTest.class);

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(TestClassOrder::group)
                .thenComparing(descriptor -> descriptor.isAnnotated(DirtiesContext.class))
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int group(ClassDescriptor descriptor) {
        for (int i = 0; i < CONTEXTS.size(); i++) {
            @SuppressWarnings("unchecked")
            var annotation = (Class<? extends java.lang.annotation.Annotation>) CONTEXTS.get(i);
            if (descriptor.isAnnotated(annotation)) {
                return i;
            }
        }
        return CONTEXTS.size();
    }
}
