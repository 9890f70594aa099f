package io.textback.twilio;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Where Twilio is required (the {@code postgres} profile), refuses to start without its credentials
 * unless TEXTBACK_SIMULATE_TEXTS=true says that simulated texts are meant. It runs as soon as the
 * configuration is read (registered in META-INF/spring.factories), so a forgotten secret stops the
 * app in seconds, before the database or the engine is touched.
 */
class TwilioCredentialsCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        boolean required = environment.getProperty("textback.twilio.required", Boolean.class, false);
        boolean simulate = environment.getProperty("textback.simulate-texts", Boolean.class, false);
        boolean hasSid = hasText(environment.getProperty("textback.twilio.account-sid"));
        boolean hasToken = hasText(environment.getProperty("textback.twilio.auth-token"));
        if (required && !simulate && !(hasSid && hasToken)) {
            throw new IllegalStateException("Twilio credentials missing (" + (hasSid ? "" : "TWILIO_ACCOUNT_SID ")
                    + (hasToken ? "" : "TWILIO_AUTH_TOKEN ") + "not set): set them, or set "
                    + "TEXTBACK_SIMULATE_TEXTS=true to run with texts only simulated");
        }
    }

    /** After logging is set up, so that the refusal is logged like any other failure. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
