package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A test of the app as separate processes ({@link AppProcess}): started, killed and started again as
 * an operator or a crash would. Such a test spends much of its time waiting on those processes, so it
 * runs beside the tests inside the test JVM (see junit-platform.properties), in a thread of its own,
 * as soon as one is free (in the order of {@link TestClassOrder}). It shares nothing with the other
 * tests: its own ports, database and {@link TwilioStandInServer}. The cluster test, the longest, runs from
 * the start; the others (the restart test, the Dockerfile replay) take turns ({@link #TURNS}), so that
 * fewer apps start at once on two cores.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("app-process")
@Execution(ExecutionMode.CONCURRENT)
public @interface AppProcessTest {

    /** Held by the app-process tests other than the cluster test while they run: one at a time. */
    String TURNS = "app-process-turns";
}
