package io.textback.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.textback.messaging.Refusal;
import io.textback.messaging.TextStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twilio's message statuses and error codes, as the message log and every decision on a text read them. */
class TwilioStatusesTest {

    @ParameterizedTest
    @CsvSource({"accepted, QUEUED", "scheduled, QUEUED", "queued, QUEUED", "sending, QUEUED", "sent, SENT",
            "delivered, DELIVERED", "read, DELIVERED", "undelivered, UNDELIVERED", "failed, FAILED",
            "canceled, FAILED", "Delivered, DELIVERED", "partially_delivered, QUEUED"})
    void twilioStatusesBecomeOurs(String twilioStatus, TextStatus ours) {
        assertThat(TwilioStatuses.status(twilioStatus)).isEqualTo(ours);
    }

    @ParameterizedTest
    @CsvSource({"21610, UNSUBSCRIBED", "21614, NOT_TEXTABLE", "30006, NOT_TEXTABLE", "21211, INVALID_NUMBER",
            "63016, CHANNEL_UNAVAILABLE", "21408, OTHER", "30007, OTHER", "20003, OTHER", "400, OTHER"})
    void twilioErrorCodesBecomeRefusals(String code, Refusal refusal) {
        assertThat(TwilioStatuses.refusal(code)).isEqualTo(refusal);
    }

    @Test
    void aReportWithoutAnErrorCodeIsNoRefusal() {
        assertThat(TwilioStatuses.refusal(null)).isNull();
        assertThat(TwilioStatuses.refusal("")).isNull();
    }
}
