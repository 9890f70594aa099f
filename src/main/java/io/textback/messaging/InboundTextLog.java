package io.textback.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Texts callers sent to an account's numbers: the other half of each conversation. */
@Repository
public class InboundTextLog {

    public record InboundText(long id, String accountId, String from, String to, String body, Instant receivedAt) {
    }

    private final JdbcClient jdbc;

    InboundTextLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String accountId, String from, String to, String body, Instant receivedAt) {
        // Twilio allows 1,600 characters; the column holds as many.
        String kept = body.length() > 1600 ? body.substring(0, 1600) : body;
        jdbc.sql("insert into inbound_text (account_id, from_number, to_number, body, received_at) values (?, ?, ?, ?, ?)")
                .params(accountId, from, to, kept, Timestamp.from(receivedAt)).update();
    }

    /** One caller's texts to the account, oldest first. */
    public List<InboundText> from(String accountId, String from) {
        return jdbc.sql("select * from inbound_text where account_id = ? and from_number = ? order by received_at, id")
                .params(accountId, from)
                .query((rs, n) -> new InboundText(rs.getLong("id"), rs.getString("account_id"),
                        rs.getString("from_number"), rs.getString("to_number"), rs.getString("body"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }
}
