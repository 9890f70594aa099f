package io.textback.conversations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.textback.contacts.Contact;
import io.textback.contacts.ContactRepository;
import io.textback.messaging.InboundTextLog;
import io.textback.messaging.TextMessage;
import io.textback.messaging.TextMessageLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each caller's thread: the texts the account sent them (message log) and the texts they sent (inbound). */
@Component
public class Conversations {

    static final String OUT = "out";
    static final String IN = "in";
    private static final int THREAD_LIMIT = 1000;

    record Entry(String direction, long id, String body, Instant at, String status, String errorCode,
                 String errorMessage) {

        static Entry sent(TextMessage m) {
            return new Entry(OUT, m.id(), m.body(), m.createdAt(), m.status(), m.errorCode(), m.errorMessage());
        }

        static Entry received(InboundTextLog.InboundText t) {
            return new Entry(IN, t.id(), t.body(), t.receivedAt(), "received", null, null);
        }
    }

    public record Summary(String phone, String name, boolean optedOut, List<String> tags, Instant lastAt, String lastText,
                   String lastDirection) {
    }

    public record Conversation(String phone, String firstName, String lastName, String name, boolean optedOut, List<String> tags,
                        List<Entry> messages) {
    }

    private final JdbcClient jdbc;
    private final TextMessageLog sent;
    private final InboundTextLog received;
    private final ContactRepository contacts;

    Conversations(JdbcClient jdbc, TextMessageLog sent, InboundTextLog received, ContactRepository contacts) {
        this.jdbc = jdbc;
        this.sent = sent;
        this.received = received;
        this.contacts = contacts;
    }

    /** Everyone the account texted or who texted it, latest message first. */
    public List<Summary> list(String accountId, int limit) {
        record Latest(String phone, Timestamp at) {
        }
        var latest = jdbc.sql("select phone, max(at) as last_at from ("
                        + " select to_number as phone, created_at as at from text_message where account_id = :account"
                        + " union all"
                        + " select from_number as phone, received_at as at from inbound_text where account_id = :account"
                        + ") t group by phone order by last_at desc limit " + limit)
                .param("account", accountId)
                .query((rs, n) -> new Latest(rs.getString("phone"), rs.getTimestamp("last_at"))).list();
        var summaries = new ArrayList<Summary>();
        for (Latest l : latest) {
            Conversation thread = thread(accountId, l.phone());
            Entry last = thread.messages().get(thread.messages().size() - 1);
            summaries.add(new Summary(l.phone(), thread.name(), thread.optedOut(), thread.tags(), last.at(),
                    last.body(), last.direction()));
        }
        return summaries;
    }

    /** One caller's thread, oldest first, with what the business knows of them. */
    public Conversation thread(String accountId, String phone) {
        var messages = new ArrayList<Entry>();
        sent.find(accountId, phone, null, THREAD_LIMIT).forEach(m -> messages.add(Entry.sent(m)));
        received.from(accountId, phone).forEach(t -> messages.add(Entry.received(t)));
        messages.sort(Comparator.comparing(Entry::at).thenComparing(Entry::direction));
        var contact = contacts.find(accountId, phone);
        return new Conversation(phone, contact.map(Contact::firstName).orElse(null),
                contact.map(Contact::lastName).orElse(null), contact.map(Contact::name).orElse(null),
                contact.map(Contact::optedOut).orElse(false), contact.map(Contact::tags).orElse(List.of()), messages);
    }
}
