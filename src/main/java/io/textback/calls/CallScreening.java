package io.textback.calls;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Confirm answered calls" per account, and which forwarded calls a team member confirmed. With it
 * on, a forwarded call counts as answered only once someone pressed 1, whatever Twilio reports.
 */
@Component
public class CallScreening {

    private final JdbcClient jdbc;

    CallScreening(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean enabled(String accountId) {
        return jdbc.sql("select enabled from call_screening where account_id = ?").param(accountId)
                .query(Boolean.class).optional().orElse(false);
    }

    public void setEnabled(String accountId, boolean enabled) {
        if (jdbc.sql("update call_screening set enabled = ? where account_id = ?").params(enabled, accountId)
                .update() == 0) {
            jdbc.sql("insert into call_screening (account_id, enabled) values (?, ?)").params(accountId, enabled)
                    .update();
        }
    }

    /** The call rings the team with the whisper; a repeated webhook changes nothing. */
    public void screened(String callSid) {
        try {
            jdbc.sql("insert into screened_call (call_sid, screened_at) values (?, ?)")
                    .params(callSid, Timestamp.from(Instant.now())).update();
        } catch (DuplicateKeyException alreadyScreened) {
            // Twilio retried the webhook: the first record stands.
        }
    }

    /** A team member pressed 1 on the call the caller made. */
    public void confirm(String callSid) {
        jdbc.sql("update screened_call set confirmed_at = ? where call_sid = ? and confirmed_at is null")
                .params(Timestamp.from(Instant.now()), callSid).update();
    }

    /** The call rang with the whisper and nobody pressed 1, whatever Twilio reports about the dialled leg. */
    public boolean unconfirmed(String callSid) {
        return jdbc.sql("select count(*) from screened_call where call_sid = ? and confirmed_at is null")
                .param(callSid).query(Integer.class).single() > 0;
    }
}
