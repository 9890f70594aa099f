package io.textback.system;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The password the Camunda starter creates user {@code admin} with: TEXTBACK_ADMIN_PASSWORD
 * ({@code textback.admin-password}), or else a random one made at this start. Registered in
 * META-INF/spring.factories; it runs after the configuration files are read.
 */
public class AdminPassword implements EnvironmentPostProcessor {

    static final String CONFIGURED = "textback.admin-password";
    static final String FOR_STARTER = "camunda.bpm.admin-user.password";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(CONFIGURED, "");
        environment.getPropertySources().addLast(new MapPropertySource("textback-admin-password",
                Map.of(FOR_STARTER, configured.isBlank() ? randomPassword() : configured)));
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
