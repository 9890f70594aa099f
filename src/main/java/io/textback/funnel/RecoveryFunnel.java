package io.textback.funnel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What became of an account's missed calls, stage by stage. Each stage counts missed calls (not
 * callers): missed, then texted, delivered, replied, and reached. The definitions are in the
 * README's "Recovery funnel" section; this class is their one implementation.
 */
@Component
public class RecoveryFunnel {

    /** A text the provider took, or that was simulated: the caller got (or would have got) it. */
    static final Set<String> TEXTED = Set.of("queued", "sent", "delivered", "undelivered", "simulated");
    /** Delivery confirmed by the carrier; a simulated text stands for a delivered one in a trial. */
    static final Set<String> DELIVERED = Set.of("delivered", "simulated");

    record Stages(int missed, int texted, int delivered, int replied, int reached) {

        Stages plus(Stages o) {
            return new Stages(missed + o.missed, texted + o.texted, delivered + o.delivered, replied + o.replied,
                    reached + o.reached);
        }
    }

    record Day(LocalDate date, int missed, int texted, int delivered, int replied, int reached) {
    }

    /** Rates are shares of the missed calls, 0..1. */
    record Rates(double texted, double delivered, double replied, double reached) {
    }

    public record Funnel(String accountId, int days, LocalDate from, LocalDate to, Stages stages, Rates rates,
                  List<Day> perDay) {
    }

    private record MissedCall(String callSid, String caller, Instant startedAt) {
    }

    private record Text(String callSid, String status, Instant at) {
    }

    private record Event(String who, Instant at) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    RecoveryFunnel(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** The last {@code days} days, today (UTC) included. */
    public Funnel of(String accountId, int days) {
        LocalDate to = LocalDate.now(clock);
        LocalDate from = to.minusDays(days - 1L);
        Timestamp since = Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());

        var missed = jdbc.sql("select call_sid, caller, started_at from phone_call where account_id = ?"
                        + " and direction = 'inbound' and missed and started_at >= ? order by started_at")
                .params(accountId, since)
                .query((rs, n) -> new MissedCall(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
        Map<String, List<Text>> texts = new HashMap<>();
        jdbc.sql("select call_sid, status, created_at from text_message where account_id = ? and call_sid is not null"
                        + " and created_at >= ?")
                .params(accountId, since)
                .query((rs, n) -> new Text(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list().forEach(t -> texts.computeIfAbsent(t.callSid(), k -> new ArrayList<>()).add(t));
        var replies = byCaller(jdbc.sql("select from_number, received_at from inbound_text where account_id = ?"
                        + " and received_at >= ?").params(accountId, since)
                .query((rs, n) -> new Event(rs.getString(1), rs.getTimestamp(2).toInstant())).list());
        var answered = byCaller(jdbc.sql("select caller, started_at from phone_call where account_id = ?"
                        + " and not missed and ended_at is not null and started_at >= ?").params(accountId, since)
                .query((rs, n) -> new Event(rs.getString(1), rs.getTimestamp(2).toInstant())).list());

        Map<LocalDate, Stages> perDay = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            perDay.put(d, new Stages(0, 0, 0, 0, 0));
        }
        for (MissedCall call : missed) {
            var own = texts.getOrDefault(call.callSid(), List.of());
            Instant textedAt = own.stream().filter(t -> TEXTED.contains(t.status())).map(Text::at).min(Instant::compareTo)
                    .orElse(null);
            boolean texted = textedAt != null;
            boolean delivered = own.stream().anyMatch(t -> DELIVERED.contains(t.status()));
            boolean replied = texted && anyAfter(replies.get(call.caller()), textedAt);
            boolean reached = anyAfter(answered.get(call.caller()), call.startedAt());
            var stages = new Stages(1, texted ? 1 : 0, delivered ? 1 : 0, replied ? 1 : 0, reached ? 1 : 0);
            perDay.merge(LocalDate.ofInstant(call.startedAt(), ZoneOffset.UTC), stages, Stages::plus);
        }
        Stages total = perDay.values().stream().reduce(new Stages(0, 0, 0, 0, 0), Stages::plus);
        var daily = perDay.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue().missed(), e.getValue().texted(),
                e.getValue().delivered(), e.getValue().replied(), e.getValue().reached())).toList();
        return new Funnel(accountId, days, from, to, total, new Rates(share(total.texted(), total.missed()),
                share(total.delivered(), total.missed()), share(total.replied(), total.missed()),
                share(total.reached(), total.missed())), daily);
    }

    private static Map<String, List<Instant>> byCaller(List<Event> events) {
        Map<String, List<Instant>> map = new HashMap<>();
        events.forEach(e -> map.computeIfAbsent(e.who(), k -> new ArrayList<>()).add(e.at()));
        return map;
    }

    private static boolean anyAfter(List<Instant> moments, Instant after) {
        return moments != null && moments.stream().anyMatch(m -> m.isAfter(after));
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }
}
