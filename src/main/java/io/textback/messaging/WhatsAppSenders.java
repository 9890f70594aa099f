package io.textback.messaging;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Each account's WhatsApp sender: the number Twilio has enabled for WhatsApp. */
@Repository
public class WhatsAppSenders {

    private final JdbcClient jdbc;

    WhatsAppSenders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> find(String accountId) {
        return jdbc.sql("select sender from whatsapp_sender where account_id = ?").param(accountId)
                .query(String.class).optional();
    }

    /** Sets the sender, or removes it when {@code sender} is null. */
    @Transactional
    public void save(String accountId, String sender) {
        jdbc.sql("delete from whatsapp_sender where account_id = ?").param(accountId).update();
        if (sender != null) {
            jdbc.sql("insert into whatsapp_sender (account_id, sender) values (?, ?)").params(accountId, sender).update();
        }
    }
}
