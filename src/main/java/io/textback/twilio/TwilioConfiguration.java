package io.textback.twilio;

import java.net.URI;

import com.twilio.http.TwilioRestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.textback.messaging.SimulatedTextSender;
import io.textback.messaging.TextSender;
import io.textback.system.PublicUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TwilioConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TwilioConfiguration.class);

    /** The Twilio sender when credentials are set; otherwise texts are simulated, and the log says so once. */
    @Bean
    TextSender textSender(TwilioProperties twilio, PublicUrls urls, MeterRegistry meters) {
        if (!twilio.canSend()) {
            log.warn("No Twilio credentials (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN): texts are simulated, "
                    + "kept in the message log with status 'simulated' and shown on the outbox page.");
            return new SimulatedTextSender();
        }
        var client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .httpClient(new RedirectingHttpClient(twilio.apiBaseUrl(), twilio.timeout(),
                        twilio.maxConcurrentRequests(), meters))
                .build();
        if (!TwilioProperties.TWILIO_API.equals(twilio.apiBaseUrl())) {
            log.warn("Twilio requests go to {} instead of Twilio", twilio.apiBaseUrl());
        }
        return new TwilioTextSender(client, URI.create(urls.absolute("/twilio/messaging/status")));
    }
}
