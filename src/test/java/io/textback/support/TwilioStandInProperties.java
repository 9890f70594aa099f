package io.textback.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the app's Twilio account at the shared {@link TwilioStandIn}. An initializer rather than a
 * {@code @DynamicPropertySource} method in each class: test classes naming the same initializer and
 * properties share one cached application context. The SDK's timeout is set by each meta-annotation.
 */
public class TwilioStandInProperties implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("twilioStandIn", Map.of(
                "textback.twilio.account-sid", TwilioStandIn.ACCOUNT_SID,
                "textback.twilio.auth-token", TwilioStandIn.AUTH_TOKEN,
                "textback.twilio.api-base-url", standIn().baseUrl())));
    }

    TwilioStandInServer standIn() {
        return TwilioStandIn.shared();
    }

    /** Points the app at {@link TwilioStandIn#ofScaledTimeApp()} instead. */
    public static class OfScaledTimeApp extends TwilioStandInProperties {

        @Override
        TwilioStandInServer standIn() {
            return TwilioStandIn.ofScaledTimeApp();
        }
    }
}
