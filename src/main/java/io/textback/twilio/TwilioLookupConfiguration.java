package io.textback.twilio;

import com.twilio.http.TwilioRestClient;
import io.textback.messaging.LineTypes;
import io.textback.messaging.SimulatedLineTypes;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TwilioLookupConfiguration {

    static final String TWILIO_LOOKUPS = "https://lookups.twilio.com";

    /**
     * Twilio Lookup when credentials are set, else the simulated rule. Lookup has its own host: it goes to
     * TWILIO_LOOKUPS_BASE_URL, by default to TWILIO_API_BASE_URL when that names a stand-in, else to Twilio.
     */
    @Bean
    LineTypes lineTypes(TwilioProperties twilio, @Value("${textback.twilio.lookups-base-url:}") String lookupsBaseUrl,
                        MeterRegistry meters) {
        if (!twilio.canSend()) {
            return new SimulatedLineTypes();
        }
        String baseUrl = !lookupsBaseUrl.isBlank() ? lookupsBaseUrl.replaceAll("/+$", "")
                : TwilioProperties.TWILIO_API.equals(twilio.apiBaseUrl()) ? TWILIO_LOOKUPS : twilio.apiBaseUrl();
        return new TwilioLineTypes(new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
                .httpClient(new RedirectingHttpClient(TWILIO_LOOKUPS, baseUrl, twilio.timeout(),
                        twilio.maxConcurrentRequests(), meters))
                .build());
    }
}
