package io.textback.messaging;

import java.time.LocalTime;
import java.util.Optional;

import io.textback.system.KeptReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each account's sending rules; an account without a row has the defaults. Every text asks for them,
 * and a missed call's recipe too: a read is kept for a moment ({@link KeptReads}).
 */
@Repository
public class SendingRulesRepository {

    private final JdbcClient jdbc;
    private final KeptReads<String, SendingRules> kept = new KeptReads<>();

    SendingRulesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's rules, or the defaults where it has none (kept as well: most accounts never change them). */
    public SendingRules find(String accountId) {
        return kept.get(accountId, () -> Optional.of(jdbc.sql("select * from sending_rules where account_id = ?")
                .param(accountId)
                .query((rs, n) -> new SendingRules((Integer) rs.getObject("monthly_limit", Integer.class),
                        rs.getBoolean("line_type_check"), rs.getBoolean("quiet_hours"),
                        LocalTime.parse(rs.getString("quiet_from")), LocalTime.parse(rs.getString("quiet_until")),
                        rs.getString("time_zone")))
                .optional().orElseGet(SendingRules::defaults))).orElseThrow();
    }

    public void save(String accountId, SendingRules rules) {
        kept.forget();
        Object[] values = {rules.monthlyLimit(), rules.lineTypeCheck(), rules.quietHours(),
                rules.quietFrom().toString(), rules.quietUntil().toString(), rules.timeZone(), accountId};
        int updated = jdbc.sql("update sending_rules set monthly_limit = ?, line_type_check = ?, quiet_hours = ?,"
                + " quiet_from = ?, quiet_until = ?, time_zone = ? where account_id = ?").params(values).update();
        if (updated == 0) {
            jdbc.sql("insert into sending_rules (monthly_limit, line_type_check, quiet_hours, quiet_from, quiet_until,"
                    + " time_zone, account_id) values (?, ?, ?, ?, ?, ?, ?)").params(values).update();
        }
    }
}
