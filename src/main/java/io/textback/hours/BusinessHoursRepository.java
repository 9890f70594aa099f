package io.textback.hours;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.textback.accounts.Account;
import io.textback.system.KeptReads;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Business hours per account. An account that never saved its own gets the default schedule in UTC
 * (the settings page proposes the browser's time zone until they are saved). Every text asks for them
 * (the merge field {@code {{business.opens_at}}}): a read is kept for a moment ({@link KeptReads}).
 */
@Repository
public class BusinessHoursRepository {

    private final JdbcClient jdbc;

    private final KeptReads<String, BusinessHours> kept = new KeptReads<>();

    BusinessHoursRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public BusinessHours forAccount(Account account) {
        return kept.get(account.id(), () -> Optional.of(read(account))).orElseThrow();
    }

    private BusinessHours read(Account account) {
        var zone = jdbc.sql("select time_zone from business_hours where account_id = ?").param(account.id())
                .query(String.class).optional();
        if (zone.isEmpty()) {
            return BusinessHours.weekdaysNineToFive(ZoneOffset.UTC);
        }
        var week = new EnumMap<DayOfWeek, BusinessHours.Opening>(DayOfWeek.class);
        jdbc.sql("select day_of_week, opens_at, closes_at from business_hours_day where account_id = ?")
                .param(account.id())
                .query((rs, n) -> Map.entry(DayOfWeek.of(rs.getInt(1)), new BusinessHours.Opening(
                        rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class))))
                .list().forEach(day -> week.put(day.getKey(), day.getValue()));
        var closed = new TreeSet<>(jdbc.sql("select closed_on from business_closed_day where account_id = ?")
                .param(account.id()).query((rs, n) -> rs.getObject(1, LocalDate.class)).list());
        return new BusinessHours(ZoneId.of(zone.get()), week, closed, true);
    }

    @Transactional
    public void save(String accountId, BusinessHours hours) {
        kept.forget();
        jdbc.sql("delete from business_hours where account_id = ?").param(accountId).update();
        jdbc.sql("insert into business_hours (account_id, time_zone) values (?, ?)")
                .params(accountId, hours.zone().getId()).update();
        for (Map.Entry<DayOfWeek, BusinessHours.Opening> day : hours.week().entrySet()) {
            jdbc.sql("insert into business_hours_day (account_id, day_of_week, opens_at, closes_at) values (?, ?, ?, ?)")
                    .params(accountId, day.getKey().getValue(), day.getValue().opens(), day.getValue().closes())
                    .update();
        }
        for (LocalDate date : hours.closedDays()) {
            jdbc.sql("insert into business_closed_day (account_id, closed_on) values (?, ?)")
                    .params(accountId, date).update();
        }
    }
}
