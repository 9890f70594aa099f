package io.textback.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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

    /** Records STOP / START from the caller, creating the contact if the business did not know it. */
    public void setOptedOut(String accountId, String phoneNumber, boolean optedOut) {
        int updated = jdbc.sql("update contact set opted_out = ? where account_id = ? and phone_number = ?")
                .params(optedOut, accountId, phoneNumber).update();
        if (updated == 0) {
            jdbc.sql("insert into contact (account_id, phone_number, opted_out) values (?, ?, ?)")
                    .params(accountId, phoneNumber, optedOut).update();
        }
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
