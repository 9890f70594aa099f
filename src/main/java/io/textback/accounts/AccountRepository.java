package io.textback.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.textback.system.KeptReads;
import io.textback.system.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts, with their numbers and settings. An account read is kept for a moment ({@link KeptReads}:
 * three queries each time otherwise, and a missed call asks for its account in the webhook and again
 * at the recipe's gateways).
 */
@Repository
public class AccountRepository {

    private final JdbcClient jdbc;
    private final KeptReads<String, Account> byId = new KeptReads<>();
    private final KeptReads<String, Account> byNumber = new KeptReads<>();

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findById(String id) {
        return byId.get(id, () -> jdbc.sql("select * from account where id = ?").param(id)
                .query((rs, n) -> load(rs)).optional());
    }

    /** The account that owns the number a caller dialled. */
    public Optional<Account> findByNumber(String e164) {
        return byNumber.get(e164, () -> jdbc.sql("select a.* from account a join account_number n"
                        + " on n.account_id = a.id where n.phone_number = ?").param(e164)
                .query((rs, n) -> load(rs)).optional());
    }

    /** Called by every change. */
    private void forgetKept() {
        byId.forget();
        byNumber.forget();
    }

    public List<Account> findAll() {
        return jdbc.sql("select * from account order by id").query((rs, n) -> load(rs)).list();
    }

    /** Recipes ask this at their gateways, once per missed call. */
    public boolean textBackEnabled(String id) {
        return findById(id).map(account -> account.settings().enabled()).orElse(false);
    }

    /** The account, or {@link NotFound} naming it: what every request about one account starts with. */
    public Account require(String id) {
        return findById(id).orElseThrow(() -> new NotFound("no account '" + id + "'"));
    }

    /** Whether the account exists, or {@link NotFound} naming it; cheaper than loading it. */
    public void requireExists(String id) {
        if (!exists(id)) {
            throw new NotFound("no account '" + id + "'");
        }
    }

    public boolean exists(String id) {
        return jdbc.sql("select count(*) from account where id = ?").param(id).query(Integer.class).single() > 0;
    }

    @Transactional
    public void insert(Account account) {
        forgetKept();
        var s = account.settings();
        jdbc.sql("insert into account (id, business_name, text_back_enabled, message_template,"
                        + " call_timeout_seconds, recipe_key, created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(account.id(), account.businessName(), s.enabled(), s.messageTemplate(),
                        s.callTimeoutSeconds(), s.recipeKey(), Timestamp.from(Instant.now()))
                .update();
        for (String number : account.numbers()) {
            jdbc.sql("insert into account_number (phone_number, account_id, default_sender) values (?, ?, ?)")
                    .params(number, account.id(), number.equals(account.defaultNumber()))
                    .update();
        }
        int order = 0;
        for (String number : account.forwardingNumbers()) {
            jdbc.sql("insert into forwarding_number (account_id, sort_order, phone_number) values (?, ?, ?)")
                    .params(account.id(), order++, number)
                    .update();
        }
    }

    public void updateSettings(String accountId, TextBackSettings s) {
        forgetKept();
        jdbc.sql("update account set text_back_enabled = ?, message_template = ?, call_timeout_seconds = ?,"
                        + " recipe_key = ? where id = ?")
                .params(s.enabled(), s.messageTemplate(), s.callTimeoutSeconds(), s.recipeKey(), accountId)
                .update();
    }

    /** Which numbers are already taken, by any account. */
    public List<String> numbersInUse(List<String> numbers) {
        if (numbers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select phone_number from account_number where phone_number in (:numbers)")
                .param("numbers", numbers).query(String.class).list();
    }

    private Account load(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        var numbers = jdbc.sql("select phone_number, default_sender from account_number"
                        + " where account_id = ? order by default_sender desc, phone_number")
                .param(id).query((r, n) -> new String[] {r.getString(1), String.valueOf(r.getBoolean(2))}).list();
        var forwarding = jdbc.sql("select phone_number from forwarding_number where account_id = ? order by sort_order")
                .param(id).query(String.class).list();
        String defaultNumber = numbers.stream().filter(n -> Boolean.parseBoolean(n[1])).map(n -> n[0])
                .findFirst().orElse(null);
        var settings = new TextBackSettings(rs.getBoolean("text_back_enabled"), rs.getString("message_template"),
                rs.getInt("call_timeout_seconds"), rs.getString("recipe_key"));
        return new Account(id, rs.getString("business_name"), defaultNumber,
                numbers.stream().map(n -> n[0]).toList(), forwarding, settings);
    }
}
