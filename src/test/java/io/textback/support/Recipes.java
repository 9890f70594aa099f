package io.textback.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import io.textback.recipes.MissedCallTextBack;

/** Variants of the shipped recipe, as a business user would save them from Modeler. */
public final class Recipes {

    public static final String BUILT_IN_KEY = MissedCallTextBack.KEY;
    private static final String EMPTY_MESSAGE = "<camunda:inputParameter name=\"message\"></camunda:inputParameter>";

    private Recipes() {
    }

    /** The shipped file as it is. */
    public static String builtIn() {
        try {
            String bpmn = Files.readString(Path.of("bpmn", BUILT_IN_KEY + ".bpmn"));
            if (!bpmn.contains(EMPTY_MESSAGE)) {
                throw new IllegalStateException("the built-in recipe no longer leaves Send text's message empty");
            }
            return bpmn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Send text task's message field filled in. */
    public static String withMessage(String bpmn, String message) {
        return bpmn.replace(EMPTY_MESSAGE, "<camunda:inputParameter name=\"message\">" + message
                + "</camunda:inputParameter>");
    }

    /** Saved under another process key, so that a test's deployments meet no other test. */
    public static String withKey(String bpmn, String key) {
        return bpmn.replace("id=\"" + BUILT_IN_KEY + "\"", "id=\"" + key + "\"")
                .replace("bpmnElement=\"" + BUILT_IN_KEY + "\"", "bpmnElement=\"" + key + "\"");
    }

    public static String newKey(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }
}
