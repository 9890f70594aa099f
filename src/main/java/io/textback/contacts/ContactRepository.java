package io.textback.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class ContactRepository {

    private final JdbcClient jdbc;

    ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Contact> find(String accountId, String phoneNumber) {
        return jdbc.sql("select * from contact where account_id = ? and phone_number = ?")
                .params(accountId, phoneNumber).query((rs, n) -> load(rs)).optional();
    }

    public boolean isOptedOut(String accountId, String phoneNumber) {
        return jdbc.sql("select count(*) from contact where account_id = ? and phone_number = ? and opted_out")
                .params(accountId, phoneNumber).query(Integer.class).single() > 0;
    }

    /**
     * Locks the contact's row until the transaction ends: work that must see a caller's calls one at a
     * time (numbering them) waits here for a concurrent call's transaction, on any node.
     */
    public void lock(String accountId, String phoneNumber) {
        jdbc.sql("select phone_number from contact where account_id = ? and phone_number = ? for update")
                .params(accountId, phoneNumber).query(String.class).optional();
    }

    /** Records STOP / START from the caller, creating the contact if the business did not know it. */
    public void setOptedOut(String accountId, String phoneNumber, boolean optedOut) {
        int updated = jdbc.sql("update contact set opted_out = ? where account_id = ? and phone_number = ?")
                .params(optedOut, accountId, phoneNumber).update();
        if (updated == 0) {
            jdbc.sql("insert into contact (account_id, phone_number, opted_out) values (?, ?, ?)")
                    .params(accountId, phoneNumber, optedOut).update();
        }
    }

    /**
     * Notes an inbound call from this number, creating the contact on its first call. A concurrent
     * first call of the same number makes this throw {@link DuplicateKeyException}.
     */
    public void recordCall(String accountId, String phoneNumber, Instant at) {
        Timestamp when = Timestamp.from(at);
        int updated = jdbc.sql("update contact set first_call_at = coalesce(first_call_at, ?),"
                        + " last_call_at = case when last_call_at is null or last_call_at < ? then ? else last_call_at end"
                        + " where account_id = ? and phone_number = ?")
                .params(when, when, when, accountId, phoneNumber).update();
        if (updated == 0) {
            jdbc.sql("insert into contact (account_id, phone_number, opted_out, first_call_at, last_call_at)"
                            + " values (?, ?, false, ?, ?)")
                    .params(accountId, phoneNumber, when, when).update();
        }
    }

    /** Sets what the business knows of a caller: name and tags (replacing the tags it had). */
    @Transactional
    public Contact save(String accountId, String phoneNumber, String firstName, String lastName, List<String> tags,
                        Instant now) {
        int updated = jdbc.sql("update contact set first_name = ?, last_name = ? where account_id = ? and phone_number = ?")
                .params(firstName, lastName, accountId, phoneNumber).update();
        if (updated == 0) {
            jdbc.sql("insert into contact (account_id, phone_number, first_name, last_name, opted_out) values (?, ?, ?, ?, false)")
                    .params(accountId, phoneNumber, firstName, lastName).update();
        }
        jdbc.sql("delete from contact_tag where account_id = ? and phone_number = ?").params(accountId, phoneNumber).update();
        for (String tag : new LinkedHashSet<>(tags)) {
            insertTag(accountId, phoneNumber, tag, now);
        }
        return find(accountId, phoneNumber).orElseThrow();
    }

    /** Gives the contact one tag of a family (such as "1st call", "2nd call"), removing the others. */
    @Transactional
    public void replaceTag(String accountId, String phoneNumber, List<String> family, String tag, Instant now) {
        jdbc.sql("delete from contact_tag where account_id = :account and phone_number = :phone and tag in (:family)")
                .param("account", accountId).param("phone", phoneNumber).param("family", family).update();
        insertTag(accountId, phoneNumber, tag, now);
    }

    /** An account's contacts whose name or number contains the text, most recent caller first. */
    public List<Contact> search(String accountId, String text, int limit) {
        String like = "%" + (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) + "%";
        return jdbc.sql("select * from contact where account_id = ? and (lower(coalesce(first_name, '')) like ?"
                        + " or lower(coalesce(last_name, '')) like ? or phone_number like ?)"
                        + " order by last_call_at desc nulls last, phone_number limit " + limit)
                .params(accountId, like, like, like).query((rs, n) -> load(rs)).list();
    }

    private void insertTag(String accountId, String phoneNumber, String tag, Instant now) {
        jdbc.sql("insert into contact_tag (account_id, phone_number, tag, tagged_at) values (?, ?, ?, ?)")
                .params(accountId, phoneNumber, tag, Timestamp.from(now)).update();
    }

    private Contact load(ResultSet rs) throws SQLException {
        String accountId = rs.getString("account_id");
        String phone = rs.getString("phone_number");
        var tags = jdbc.sql("select tag from contact_tag where account_id = ? and phone_number = ? order by tagged_at, tag")
                .params(accountId, phone).query(String.class).list();
        return new Contact(accountId, phone, rs.getString("first_name"), rs.getString("last_name"),
                rs.getBoolean("opted_out"), tags, instant(rs.getTimestamp("first_call_at")),
                instant(rs.getTimestamp("last_call_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
