package io.textback.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The message log: every text a recipe or a person sent, tried or simulated. */
@Repository
public class TextMessageLog {

    private final JdbcClient jdbc;

    TextMessageLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewEntry(String sendKey, String accountId, String callSid, String processInstanceId, String to,
                    String from, String body, int segments, TextStatus status) {
    }

    long insert(NewEntry e, Instant now) {
        jdbc.sql("insert into text_message (send_key, account_id, call_sid, process_instance_id, to_number,"
                        + " from_number, body, segments, status, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.sendKey(), e.accountId(), e.callSid(), e.processInstanceId(), e.to(), e.from(), e.body(),
                        e.segments(), e.status().label(), Timestamp.from(now), Timestamp.from(now))
                .update();
        return findBySendKey(e.sendKey()).orElseThrow().id();
    }

    Optional<TextMessage> findBySendKey(String sendKey) {
        return jdbc.sql("select * from text_message where send_key = ?").param(sendKey).query((rs, n) -> load(rs))
                .optional();
    }

    public Optional<TextMessage> findById(long id) {
        return jdbc.sql("select * from text_message where id = ?").param(id).query((rs, n) -> load(rs)).optional();
    }

    void record(long id, SendResult result, Instant now) {
        jdbc.sql("update text_message set status = ?, provider_sid = ?, error_code = ?, error_message = ?,"
                        + " updated_at = ? where id = ?")
                .params(result.status().label(), result.providerSid(), result.errorCode(),
                        truncate(result.errorMessage()), Timestamp.from(now), id)
                .update();
    }

    /** A delivery report from the provider; reports can arrive out of order, so a final status is kept. */
    public int updateStatusByProviderSid(String providerSid, TextStatus status, String errorCode, Instant now) {
        return jdbc.sql("update text_message set status = ?, error_code = coalesce(?, error_code), updated_at = ?"
                        + " where provider_sid = ? and status not in ('delivered', 'undelivered', 'failed')")
                .params(status.label(), errorCode, Timestamp.from(now), providerSid)
                .update();
    }

    public List<TextMessage> find(String accountId, String to, String status, int limit) {
        var sql = new StringBuilder("select * from text_message where 1 = 1");
        var params = new java.util.ArrayList<>();
        if (accountId != null) {
            sql.append(" and account_id = ?");
            params.add(accountId);
        }
        if (to != null) {
            sql.append(" and to_number = ?");
            params.add(to);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        sql.append(" order by id desc limit ").append(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> load(rs)).list();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static TextMessage load(ResultSet rs) throws SQLException {
        return new TextMessage(rs.getLong("id"), rs.getString("account_id"), rs.getString("call_sid"),
                rs.getString("process_instance_id"), rs.getString("to_number"), rs.getString("from_number"),
                rs.getString("body"), rs.getInt("segments"), rs.getString("status"), rs.getString("provider_sid"),
                rs.getString("error_code"), rs.getString("error_message"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
