package io.textback.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every call to an account's numbers: who called, how it ended, and the recipe it started. */
@Repository
public class CallLog {

    private final JdbcClient jdbc;

    CallLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a call that is ringing, and says when it began; a call already recorded is left as it is. A concurrent
     * request recording the same call makes this throw {@link org.springframework.dao.DuplicateKeyException}.
     */
    Instant recordStart(Call call) {
        var recorded = find(call.callSid());
        if (recorded.isPresent()) {
            return recorded.get().startedAt();
        }
        // Microseconds, as the column keeps them: windows of repeat calls compare this value with stored ones.
        Instant startedAt = call.startedAt().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("insert into phone_call (call_sid, account_id, caller, business_number, direction, status, missed,"
                        + " started_at) values (?, ?, ?, ?, ?, ?, false, ?)")
                .params(call.callSid(), call.accountId(), call.caller(), call.businessNumber(), call.direction(),
                        call.status(), Timestamp.from(startedAt))
                .update();
        return startedAt;
    }

    /**
     * Marks the call as ended. True only for the first report of its end, so that a repeated
     * webhook starts nothing twice (the row lock makes a concurrent repeat wait, then see it ended).
     */
    boolean end(String callSid, String status, boolean missed, Instant endedAt) {
        return jdbc.sql("update phone_call set status = ?, missed = ?, ended_at = ? where call_sid = ? and ended_at is null")
                .params(status, missed, Timestamp.from(endedAt), callSid)
                .update() == 1;
    }

    /** How many calls this caller made to the account in the window, both ends included. */
    public int countInboundCalls(String accountId, String caller, Instant from, Instant to) {
        return jdbc.sql("select count(*) from phone_call where account_id = ? and caller = ? and direction = 'inbound'"
                        + " and started_at >= ? and started_at <= ?")
                .params(accountId, caller, Timestamp.from(from), Timestamp.from(to))
                .query(Integer.class).single();
    }

    /**
     * How many of the caller's calls to the account a recipe has already numbered, from {@code since}
     * on (later calls included: a call may be numbered before one that began ringing earlier).
     */
    public int countNumberedCalls(String accountId, String caller, Instant since, String exceptCallSid) {
        return jdbc.sql("select count(*) from phone_call where account_id = ? and caller = ? and direction = 'inbound'"
                        + " and call_number_in_window is not null and started_at >= ? and call_sid <> ?")
                .params(accountId, caller, Timestamp.from(since), exceptCallSid == null ? "" : exceptCallSid)
                .query(Integer.class).single();
    }

    /** Keeps the call's number among the caller's calls in its window, as "Tag caller" decided it. */
    public void number(String callSid, int numberInWindow) {
        jdbc.sql("update phone_call set call_number_in_window = ? where call_sid = ?")
                .params(numberInWindow, callSid).update();
    }

    void attachRecipe(String callSid, String processInstanceId) {
        jdbc.sql("update phone_call set process_instance_id = ? where call_sid = ?")
                .params(processInstanceId, callSid).update();
    }

    public void note(String callSid, String note) {
        jdbc.sql("update phone_call set note = ? where call_sid = ?")
                .params(note.length() > 500 ? note.substring(0, 500) : note, callSid).update();
    }

    /** The call whose recipe this is, to say on its record when the recipe fails. */
    public Optional<Call> findByProcessInstance(String processInstanceId) {
        return jdbc.sql("select * from phone_call where process_instance_id = ?").param(processInstanceId)
                .query((rs, n) -> load(rs)).optional();
    }

    public void recording(String callSid, String url) {
        jdbc.sql("update phone_call set recording_url = ? where call_sid = ?").params(url, callSid).update();
    }

    public Optional<Call> find(String callSid) {
        return jdbc.sql("select * from phone_call where call_sid = ?").param(callSid).query((rs, n) -> load(rs))
                .optional();
    }

    private static Call load(ResultSet rs) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Call(rs.getString("call_sid"), rs.getString("account_id"), rs.getString("caller"),
                rs.getString("business_number"), rs.getString("direction"), rs.getString("status"),
                rs.getBoolean("missed"), rs.getString("process_instance_id"), rs.getString("note"),
                rs.getString("recording_url"), rs.getTimestamp("started_at").toInstant(),
                ended == null ? null : ended.toInstant());
    }
}
