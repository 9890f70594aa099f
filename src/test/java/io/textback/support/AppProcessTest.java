package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test of the app as separate processes ({@link AppProcess}): started, killed and started again as
 * an operator or a crash would. Such a test spends much of its time waiting on those processes, so it
 * runs beside the tests inside the test JVM (see junit-platform.properties), in another thread: one
 * such class at a time (each start of an app takes both cores for seconds), its methods one after the
 * other. It shares nothing with the other tests: its own ports, database and {@link TwilioStandInServer}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("app-process")
@Execution(ExecutionMode.CONCURRENT)
// One such class at a time; holding a lock also runs a class's methods in turn.
@ResourceLock(value = "app-processes", mode = ResourceAccessMode.READ_WRITE)
public @interface AppProcessTest {
}
