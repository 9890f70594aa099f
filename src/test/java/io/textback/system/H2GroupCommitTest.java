package io.textback.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches an H2 file before a connection is given back: a statement that wrote waits for a
 * write that carries it (and every commit before it); a plain query, which commits nothing, does
 * not make the file be written. H2's own writer waits a minute here, so only the app's waits write.
 */
class H2GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void aPlainQueryGoesOnWithoutAWriteAndAStatementThatWroteWaitsForOne() throws Exception {
        var h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("textback") + ";WRITE_DELAY=60000");
        var data = new H2GroupCommit.GroupCommitting(h2);
        // Held open so that the database stays open between the connections below.
        try (Connection open = h2.getConnection()) {
            MVStore store = H2GroupCommit.storeToGroup(open);
            assertThat(store).as("an H2 file with a write delay").isNotNull();
            run(data, "create table phone_call (call_sid varchar(64) primary key)");

            // A commit that may reach the file with a later write, as a recipe's step does.
            H2GroupCommit.withoutWaiting(() -> run(data, "insert into phone_call values ('CA1')"));
            assertThat(store.hasUnsavedChanges()).as("committed, not yet in the file").isTrue();

            run(data, "select count(*) from phone_call");
            assertThat(store.hasUnsavedChanges()).as("after a plain query").isTrue();

            run(data, "insert into phone_call values ('CA2')");
            assertThat(store.hasUnsavedChanges()).as("after a statement that wrote").isFalse();
        }
    }

    /** One statement in auto-commit mode, the connection given back after it. */
    private static void run(H2GroupCommit.GroupCommitting data, String sql) {
        try (Connection connection = data.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
