package io.textback.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The URL the world (Twilio) uses to reach this app; behind a proxy it differs from what the app sees. */
@Component
public class PublicUrls {

    private final String base;

    public PublicUrls(@Value("${textback.public-base-url}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String absolute(String path) {
        return base + path;
    }
}
