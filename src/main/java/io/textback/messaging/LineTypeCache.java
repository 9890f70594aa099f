package io.textback.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The line type known for each contact, so a number is looked up once. */
@Repository
class LineTypeCache {

    private final JdbcClient jdbc;

    LineTypeCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(String accountId, String phoneNumber) {
        return jdbc.sql("select line_type from contact where account_id = ? and phone_number = ? and line_type is not null")
                .params(accountId, phoneNumber).query(String.class).optional();
    }

    void store(String accountId, String phoneNumber, String lineType, Instant at) {
        int updated = jdbc.sql("update contact set line_type = ?, line_type_checked_at = ? where account_id = ?"
                        + " and phone_number = ?")
                .params(lineType, Timestamp.from(at), accountId, phoneNumber).update();
        if (updated == 0) {
            jdbc.sql("insert into contact (account_id, phone_number, opted_out, line_type, line_type_checked_at)"
                            + " values (?, ?, false, ?, ?)")
                    .params(accountId, phoneNumber, lineType, Timestamp.from(at)).update();
        }
    }
}
