package io.textback.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.textback.messaging.TextStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twilio's message statuses, as the message log reads them. */
class TwilioStatusesTest {

    @ParameterizedTest
    @CsvSource({"accepted, QUEUED", "scheduled, QUEUED", "queued, QUEUED", "sending, QUEUED", "sent, SENT",
            "delivered, DELIVERED", "read, DELIVERED", "undelivered, UNDELIVERED", "failed, FAILED",
            "canceled, FAILED", "Delivered, DELIVERED", "partially_delivered, QUEUED"})
    void twilioStatusesBecomeOurs(String twilioStatus, TextStatus ours) {
        assertThat(TwilioStatuses.status(twilioStatus)).isEqualTo(ours);
    }
}
