package io.textback.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The calls list: each call with its outcome, its contact and its text, newest first. */
@Repository
public class CallListing {

    private final JdbcClient jdbc;

    CallListing(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters that are null are not applied; {@code to} is exclusive. */
    public record Filter(String accountId, CallOutcome outcome, Instant from, Instant to) {
    }

    public record Row(String callSid, String accountId, String caller, String firstName, String lastName,
               String businessNumber, String direction, String status, boolean missed,
               Instant startedAt, Instant endedAt, String outcome, String outcomeDetail, Instant dueAt,
               Long textMessageId, String textStatus, Instant textCreatedAt, String recordingUrl,
               String processInstanceId) {
    }

    public record Page(long total, List<Row> rows) {
    }

    public Page find(Filter filter, int page, int size) {
        var where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.accountId() != null) {
            where.append(" and c.account_id = ?");
            params.add(filter.accountId());
        }
        if (filter.outcome() != null) {
            where.append(" and c.outcome = ?");
            params.add(filter.outcome().code());
        }
        if (filter.from() != null) {
            where.append(" and c.started_at >= ?");
            params.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and c.started_at < ?");
            params.add(Timestamp.from(filter.to()));
        }
        long total = jdbc.sql("select count(*) from phone_call c" + where).params(params).query(Long.class).single();
        List<Row> rows = jdbc.sql("select c.*, k.first_name, k.last_name,"
                        + " t.status as text_status, t.created_at as text_created_at from phone_call c"
                        + " left join contact k on k.account_id = c.account_id and k.phone_number = c.caller"
                        + " left join text_message t on t.id = c.text_message_id" + where
                        + " order by c.started_at desc, c.call_sid desc limit " + size + " offset " + ((long) page * size))
                .params(params).query((rs, n) -> load(rs)).list();
        return new Page(total, rows);
    }

    private static Row load(ResultSet rs) throws SQLException {
        return new Row(rs.getString("call_sid"), rs.getString("account_id"), rs.getString("caller"),
                rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("business_number"), rs.getString("direction"), rs.getString("status"),
                rs.getBoolean("missed"), instant(rs, "started_at"), instant(rs, "ended_at"), rs.getString("outcome"),
                rs.getString("outcome_detail"), instant(rs, "due_at"), rs.getObject("text_message_id", Long.class),
                rs.getString("text_status"), instant(rs, "text_created_at"), rs.getString("recording_url"),
                rs.getString("process_instance_id"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
