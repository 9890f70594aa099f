package io.textback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Texts refused before the message log kept the refusal get it from their stored code, so that a
 * retried "Send text" that finds one settled names the call's outcome as it did when it was refused.
 */
class RefusalMigrationTest {

    @Test
    void textsLoggedBeforeKeepTheirRefusal() {
        var db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:refusal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        db.setUser("sa");
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("42").load().migrate();
        var jdbc = JdbcClient.create(db);
        jdbc.sql("insert into account (id, business_name, text_back_enabled, message_template, call_timeout_seconds,"
                + " recipe_key, created_at) values ('a', 'A', true, 'hi', 15, 'r', current_timestamp)").update();
        String[][] texts = {
                {"unsubscribed", "failed", "21610", "Attempt to send to unsubscribed recipient"},
                {"landline", "failed", "21614", "'To' number is not a valid mobile number"},
                {"unreachable", "undelivered", "30006", null},
                {"invalid", "failed", "21211", "The 'To' number is not a valid phone number."},
                {"whatsapp", "failed", "63016", "Failed to send freeform message"},
                {"region", "failed", "21408", "Permission to send an SMS has not been enabled"},
                {"no-sender", "failed", null, "no WhatsApp sender is set for this account"},
                {"delivered", "delivered", null, null}};
        for (String[] text : texts) {
            jdbc.sql("insert into text_message (send_key, account_id, to_number, from_number, body, segments, status,"
                            + " error_code, error_message, created_at, updated_at)"
                            + " values (?, 'a', '+14155550100', '+15005550006', 'hi', 1, ?, ?, ?, current_timestamp,"
                            + " current_timestamp)")
                    .params(text[0], text[1], text[2], text[3]).update();
        }
        jdbc.sql("insert into text_status_report (provider_sid, status, error_code, received_at)"
                + " values ('SM1', 'undelivered', '30006', current_timestamp)").update();

        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

        Map<String, String> refusals = jdbc.sql("select send_key, coalesce(refusal, '-') from text_message")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(refusals).containsExactlyInAnyOrderEntriesOf(Map.of("unsubscribed", "unsubscribed",
                "landline", "not-textable", "unreachable", "not-textable", "invalid", "invalid-number",
                "whatsapp", "channel-unavailable", "region", "other", "no-sender", "channel-unavailable",
                "delivered", "-"));
        assertThat(jdbc.sql("select refusal from text_status_report").query(String.class).single())
                .isEqualTo("not-textable");
        assertThat(jdbc.sql("select error_code from text_message where send_key = 'region'").query(String.class)
                .single()).isEqualTo("21408");
    }
}
