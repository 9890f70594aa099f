package io.textback.autoreply;

import java.time.LocalDate;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
public class AutoReplyRepository {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    AutoReplyRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // A claim commits on its own: a failed insert must not spoil the webhook's transaction (PostgreSQL aborts it).
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public AutoReplySettings find(String accountId) {
        return jdbc.sql("select enabled, message, recipe_key from auto_reply_settings where account_id = ?")
                .param(accountId)
                .query((rs, n) -> new AutoReplySettings(rs.getBoolean(1), rs.getString(2), rs.getString(3)))
                .optional().orElseGet(AutoReplySettings::defaults);
    }

    public void save(String accountId, AutoReplySettings settings) {
        int updated = jdbc.sql("update auto_reply_settings set enabled = ?, message = ?, recipe_key = ? where account_id = ?")
                .params(settings.enabled(), settings.message(), settings.recipeKey(), accountId).update();
        if (updated == 0) {
            jdbc.sql("insert into auto_reply_settings (account_id, enabled, message, recipe_key) values (?, ?, ?, ?)")
                    .params(accountId, settings.enabled(), settings.message(), settings.recipeKey()).update();
        }
    }

    /** True for the first claim of this conversation on this day; every later one, also concurrent, gets false. */
    boolean claimDay(String accountId, String phoneNumber, LocalDate day) {
        try {
            return Boolean.TRUE.equals(ownTransaction.execute(tx -> jdbc.sql(
                            "insert into auto_reply_day (account_id, phone_number, replied_on) values (?, ?, ?)")
                    .params(accountId, phoneNumber, day).update() == 1));
        } catch (DuplicateKeyException alreadyAnswered) {
            return false;
        }
    }
}
