package io.textback.calls;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The greetings accounts uploaded. Each upload gets a new random token, the only secret in the
 * URL Twilio fetches, so a replaced greeting is never served from a stale cache.
 */
@Repository
public class VoicemailGreetings {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    VoicemailGreetings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the settings page shows about a greeting, without its audio. */
    public record Greeting(String accountId, String token, String contentType, String fileName, int sizeBytes,
                           Instant uploadedAt) {

        public String path() {
            return "/voicemail-greetings/" + token;
        }
    }

    public record Audio(String contentType, byte[] bytes) {
    }

    /** Replaces the account's greeting; the old one keeps playing until the new one is committed. */
    @Transactional
    public Greeting replace(String accountId, String contentType, String fileName, byte[] audio) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now();
        jdbc.sql("delete from voicemail_greeting where account_id = ?").param(accountId).update();
        jdbc.sql("insert into voicemail_greeting (account_id, token, content_type, file_name, size_bytes, audio,"
                        + " uploaded_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(accountId, token, contentType, fileName, audio.length, audio, Timestamp.from(now))
                .update();
        return new Greeting(accountId, token, contentType, fileName, audio.length, now);
    }

    public Optional<Greeting> find(String accountId) {
        return jdbc.sql("select account_id, token, content_type, file_name, size_bytes, uploaded_at"
                        + " from voicemail_greeting where account_id = ?")
                .param(accountId)
                .query((rs, n) -> new Greeting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getTimestamp(6).toInstant()))
                .optional();
    }

    public boolean remove(String accountId) {
        return jdbc.sql("delete from voicemail_greeting where account_id = ?").param(accountId).update() > 0;
    }

    public Optional<Audio> audio(String token) {
        return jdbc.sql("select content_type, audio from voicemail_greeting where token = ?").param(token)
                .query((rs, n) -> new Audio(rs.getString(1), rs.getBytes(2))).optional();
    }
}
