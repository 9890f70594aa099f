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
    /** The end of Send text's properties: an empty message adds no input mapping (no scope for the task). */
    private static final String SEND_TEXT_PROPERTIES_END = "<camunda:property name=\"channel\" value=\"sms\" />\n"
            + "        </camunda:properties>";

    private Recipes() {
    }

    /** The shipped file as it is. */
    public static String builtIn() {
        try {
            String bpmn = Files.readString(Path.of("bpmn", BUILT_IN_KEY + ".bpmn"));
            if (bpmn.contains("<camunda:inputParameter name=\"message\"") || !bpmn.contains(SEND_TEXT_PROPERTIES_END)) {
                throw new IllegalStateException("the built-in recipe no longer leaves Send text's message empty");
            }
            return bpmn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Send text task's message field filled in. */
    public static String withMessage(String bpmn, String message) {
        return bpmn.replace(SEND_TEXT_PROPERTIES_END, SEND_TEXT_PROPERTIES_END + "\n        <camunda:inputOutput>\n"
                + "          <camunda:inputParameter name=\"message\">" + message + "</camunda:inputParameter>\n"
                + "        </camunda:inputOutput>");
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
