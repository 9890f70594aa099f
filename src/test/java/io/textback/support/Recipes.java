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
        String bpmn = shipped(BUILT_IN_KEY);
        if (bpmn.contains("<camunda:inputParameter name=\"message\"") || !bpmn.contains(SEND_TEXT_PROPERTIES_END)) {
            throw new IllegalStateException("the built-in recipe no longer leaves Send text's message empty");
        }
        return bpmn;
    }

    /** A shipped recipe's file as it is, by its process key. */
    public static String shipped(String key) {
        try {
            return Files.readString(Path.of("bpmn", key + ".bpmn"));
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
        return withKey(bpmn, BUILT_IN_KEY, key);
    }

    /** A shipped recipe other than the built-in one saved under another process key. */
    public static String withKey(String bpmn, String shippedKey, String key) {
        return bpmn.replace("id=\"" + shippedKey + "\"", "id=\"" + key + "\"")
                .replace("bpmnElement=\"" + shippedKey + "\"", "bpmnElement=\"" + key + "\"");
    }

    public static String newKey(String prefix) {
        return prefix + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }
}
