package io.textback.recipes;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * "Send text" in a recipe: a Camunda external task on this topic, worked by {@link SendTextWorker}.
 * Its input {@code message} is a template with merge fields (empty: the account's own message);
 * its property {@code retryCycle} says how often and how far apart a failed send is tried again,
 * and its property {@code channel} whether it goes by SMS, WhatsApp, or WhatsApp with SMS fallback.
 */
public final class SendTextTask {

    public static final String TOPIC = "textback.send-text";
    public static final String INPUT_MESSAGE = "message";
    public static final String PROPERTY_RETRY_CYCLE = "retryCycle";
    /** sms (default), whatsapp, or whatsapp-then-sms: see {@link io.textback.messaging.Channel}. */
    public static final String PROPERTY_CHANNEL = "channel";
    public static final RetryCycle DEFAULT_RETRY_CYCLE = RetryCycle.parse("R3/PT1M");

    private SendTextTask() {
    }

    /** "R3/PT1M": after a failed attempt, try again one minute later, at most three more times. */
    public record RetryCycle(int retries, Duration interval) {

        private static final Pattern FORM = Pattern.compile("R(\\d{1,3})/(P\\S+)");

        public static RetryCycle parse(String value) {
            var match = FORM.matcher(value == null ? "" : value.trim());
            if (!match.matches()) {
                throw new IllegalArgumentException("Send text: retry cycle '" + value
                        + "' is not of the form R3/PT1M (retries, then an ISO-8601 duration)");
            }
            try {
                Duration interval = Duration.parse(match.group(2));
                if (interval.isNegative()) {
                    throw new IllegalArgumentException("Send text: retry cycle '" + value + "' waits a negative time");
                }
                return new RetryCycle(Integer.parseInt(match.group(1)), interval);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Send text: retry cycle '" + value
                        + "' does not end in an ISO-8601 duration such as PT1M", e);
            }
        }
    }
}
