package io.textback.twilio;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Twilio credentials and where the SDK sends its requests (Twilio itself, or a stand-in). */
@ConfigurationProperties("textback.twilio")
public record TwilioProperties(String accountSid, String authToken, String apiBaseUrl, Duration timeout,
                               Integer maxConcurrentRequests) {

    public static final String TWILIO_API = "https://api.twilio.com";

    public TwilioProperties {
        apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? TWILIO_API : stripTrailingSlash(apiBaseUrl);
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        maxConcurrentRequests = maxConcurrentRequests == null ? 100 : maxConcurrentRequests;
    }

    public boolean canSend() {
        return hasText(accountSid) && hasText(authToken);
    }

    public boolean checksSignatures() {
        return hasText(authToken);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
