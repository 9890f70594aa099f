package io.textback.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.lookups.v2.PhoneNumber;
import io.textback.messaging.LineTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Twilio Lookup v2's line type intelligence, through the official SDK. */
class TwilioLineTypes implements LineTypes {

    private static final Logger log = LoggerFactory.getLogger(TwilioLineTypes.class);

    private final TwilioRestClient client;

    TwilioLineTypes(TwilioRestClient client) {
        this.client = client;
    }

    /** A lookup that fails says nothing: the text goes out rather than waiting on Lookup. */
    @Override
    public String lineType(String e164) {
        try {
            var info = PhoneNumber.fetcher(e164).setFields("line_type_intelligence").fetch(client)
                    .getLineTypeIntelligence();
            return info == null ? null : info.getType();
        } catch (ApiException | ApiConnectionException e) {
            log.warn("Twilio Lookup could not tell the line type of {}: {}", e164, e.getMessage());
            return null;
        }
    }
}
