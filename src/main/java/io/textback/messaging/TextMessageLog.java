package io.textback.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The message log: every text a recipe or a person sent, tried or simulated. */
@Repository
public class TextMessageLog {

    private final JdbcClient jdbc;

    TextMessageLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NewEntry(String sendKey, String accountId, String callSid, String processInstanceId, String to,
                    String from, String body, int segments, TextStatus status, Channel channel) {
    }

    long insert(NewEntry e, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into text_message (send_key, account_id, call_sid, process_instance_id, to_number,"
                        + " from_number, body, segments, status, channel, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.sendKey(), e.accountId(), e.callSid(), e.processInstanceId(), e.to(), e.from(), e.body(),
                        e.segments(), e.status().label(), e.channel().label(), Timestamp.from(now), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<TextMessage> findBySendKey(String sendKey) {
        return jdbc.sql("select * from text_message where send_key = ?").param(sendKey).query((rs, n) -> load(rs))
                .optional();
    }

    public Optional<TextMessage> findById(long id) {
        return jdbc.sql("select * from text_message where id = ?").param(id).query((rs, n) -> load(rs)).optional();
    }

    void record(long id, SendResult result, Instant now) {
        jdbc.sql("update text_message set status = ?, provider_sid = ?, error_code = ?, error_message = ?,"
                        + " refusal = ?, updated_at = ? where id = ?")
                .params(result.status().label(), result.providerSid(), result.errorCode(),
                        truncate(result.errorMessage()), label(result.refusal()), Timestamp.from(now), id)
                .update();
    }

    /**
     * Moves the text with this provider id to {@code status} if that lies further along than where it
     * stands (queued, sent, then delivered, undelivered or failed), so reports arriving out of order
     * never move it back. Returns the number of entries changed.
     */
    int advanceStatus(String providerSid, TextStatus status, String errorCode, Refusal refusal, Instant now) {
        var behind = Arrays.stream(TextStatus.values()).filter(s -> s.advancesTo(status)).map(TextStatus::label).toList();
        return jdbc.sql("update text_message set status = :status, error_code = coalesce(:code, error_code),"
                        + " refusal = coalesce(:refusal, refusal),"
                        + " updated_at = :now where provider_sid = :sid and status in (:behind)")
                .param("status", status.label()).param("code", errorCode).param("refusal", label(refusal))
                .param("now", Timestamp.from(now))
                .param("sid", providerSid).param("behind", behind)
                .update();
    }

    void insertReport(String providerSid, TextStatus status, String errorCode, Refusal refusal, Instant now) {
        jdbc.sql("insert into text_status_report (provider_sid, status, error_code, refusal, received_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(providerSid, status.label(), errorCode, label(refusal), Timestamp.from(now)).update();
    }

    record StatusReport(TextStatus status, String errorCode, Refusal refusal) {
    }

    record StatusReportOf(String providerSid, StatusReport report) {
    }

    /** The reports kept for these texts of the provider, in the order they came; one query for many texts. */
    List<StatusReportOf> reportsFor(Collection<String> providerSids) {
        if (providerSids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select provider_sid, status, error_code, refusal from text_status_report"
                        + " where provider_sid in (:sids) order by id")
                .param("sids", providerSids)
                .query((rs, n) -> new StatusReportOf(rs.getString(1), new StatusReport(TextStatus.fromLabel(rs.getString(2)),
                        rs.getString(3), Refusal.fromLabel(rs.getString(4))))).list();
    }

    /** Provider ids already logged for texts between these numbers: a lookup must not claim them for another text. */
    Set<String> providerSidsBetween(String from, String to) {
        return new HashSet<>(jdbc.sql("select provider_sid from text_message where to_number = ? and from_number = ?"
                        + " and provider_sid is not null")
                .params(to, from).query(String.class).list());
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

    private static String label(Refusal refusal) {
        return refusal == null ? null : refusal.label();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    private static TextMessage load(ResultSet rs) throws SQLException {
        return new TextMessage(rs.getLong("id"), rs.getString("account_id"), rs.getString("call_sid"),
                rs.getString("process_instance_id"), rs.getString("to_number"), rs.getString("from_number"),
                rs.getString("body"), rs.getInt("segments"), rs.getString("status"), rs.getString("provider_sid"),
                rs.getString("error_code"), rs.getString("error_message"), rs.getString("refusal"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("channel"));
    }
}
