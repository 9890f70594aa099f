package io.textback.system;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Commits to an H2 file that reach the file in groups, each before its committer goes on.
 * <p>
 * H2 writes a commit to its file by writing every page the commit changed, and every page above
 * them in each table's and index's tree, up to the roots. With {@code WRITE_DELAY=0} it does so at
 * each commit: a third of the app's CPU in a burst of missed calls, mostly rewriting the same upper
 * pages once per commit. With a write delay H2 writes in the background instead, and a killed
 * process loses what was committed since; so the app waits itself, after each commit, until a write
 * that began after that commit has finished. Commits that arrive while one write runs share the
 * next: under load one write carries many commits, and alone a commit waits for its own write, as
 * before. A webhook therefore answers, and a text is sent, only once what came before is in the file.
 * <p>
 * Commits made through a connection's {@code commit()} wait, and so do statements run in auto-commit
 * mode (when the connection is given back), but for plain queries: a select in auto-commit mode
 * commits nothing of its own, and its wait made a webhook wait for the file once more after its
 * commit (the voicemail greeting read for the answer). It applies to an H2 database in a file,
 * opened by this process, with a write delay (H2's default is 500 ms); on any other database the
 * connections are the pool's own.
 */
public final class H2GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(H2GroupCommit.class);

    private final MVStore store;
    private final ReentrantLock writing = new ReentrantLock();
    /** Commits taken so far, each numbered after it committed. */
    private final AtomicLong commits = new AtomicLong();
    /** Every commit numbered up to this one is in the file. */
    private volatile long writtenThrough;

    /** Set while the current thread's commits may reach the file with H2's next write, see {@link #withoutWaiting}. */
    private static final ThreadLocal<Boolean> NOT_AWAITED = ThreadLocal.withInitial(() -> false);

    H2GroupCommit(MVStore store) {
        this.store = store;
    }

    /** Returns once every commit made before this call, on any connection, is in the database file. */
    void awaitWritten() {
        if (NOT_AWAITED.get()) {
            return;
        }
        long mine = commits.incrementAndGet();
        if (writtenThrough >= mine) {
            return;
        }
        writing.lock();
        try {
            if (writtenThrough >= mine) {
                return;
            }
            // Every commit numbered so far came before this write starts, so the write carries it.
            long carried = commits.get();
            if (store.commit() < 0) {
                // Nothing left to write: H2's background writer took these commits, and its write may
                // still be under way (it does not wait for it). Wait for every write H2 has begun.
                FileStore<?> file = store.getFileStore();
                if (file != null) {
                    file.executeFileStoreOperation(() -> { });
                }
            }
            writtenThrough = carried;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Runs work whose commits go on without waiting for the file: H2's next write carries them, at
     * the latest the write that a later commit waits for (H2 writes commits in order), or H2's own
     * within its write delay. For work that a killed process may lose and do again without harm,
     * because nothing outside the database saw it: a recipe's step, which the engine runs again from
     * where the file left it, and the record of a text Twilio took, which the send worker asks
     * Twilio about before it sends again. Whatever leaves the process (a webhook's answer, a text)
     * still waits for its own commit, and with it for every commit before it.
     */
    public static <T> T withoutWaiting(Supplier<T> work) {
        boolean before = NOT_AWAITED.get();
        NOT_AWAITED.set(true);
        try {
            return work.get();
        } finally {
            NOT_AWAITED.set(before);
        }
    }

    /** {@link #withoutWaiting(Supplier)} for work without a result. */
    public static void withoutWaiting(Runnable work) {
        withoutWaiting(() -> {
            work.run();
            return null;
        });
    }

    /**
     * The group commit of an H2 connection's database, or null when it does not apply: another
     * database, H2 in memory or reached over the network, or a write at every commit ({@code WRITE_DELAY=0}).
     */
    static MVStore storeToGroup(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        var database = session.getDatabase();
        if (!database.isPersistent() || database.getStore() == null) {
            return null;
        }
        MVStore store = database.getStore().getMvStore();
        return store.getFileStore() != null && store.getAutoCommitDelay() > 0 ? store : null;
    }

    /** Gives every DataSource of the app connections that wait for their commits to be written. */
    @Component
    static class Wrapping implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof DataSource dataSource && !(bean instanceof GroupCommitting)) {
                return new GroupCommitting(dataSource);
            }
            return bean;
        }
    }

    /** A DataSource whose connections wait for their commits to be written, where that applies. */
    static final class GroupCommitting extends DelegatingDataSource {

        /** Null until the first connection tells which database this is; empty where it does not apply. */
        private volatile Optional<H2GroupCommit> groupCommit;

        GroupCommitting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return tracked(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return tracked(super.getConnection(username, password));
        }

        private Connection tracked(Connection connection) throws SQLException {
            Optional<H2GroupCommit> known = groupCommit;
            if (known == null) {
                known = groupCommitOf(connection);
            }
            if (known.isEmpty()) {
                return connection;
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    new Tracking(connection, known.get(), connection.getAutoCommit()));
        }

        private synchronized Optional<H2GroupCommit> groupCommitOf(Connection connection) throws SQLException {
            if (groupCommit == null) {
                MVStore store = storeToGroup(connection);
                if (store != null) {
                    log.info("H2 file with a write delay of {} ms: each commit waits until a write carries it",
                            store.getAutoCommitDelay());
                }
                groupCommit = Optional.ofNullable(store).map(H2GroupCommit::new);
            }
            return groupCommit;
        }
    }

    /**
     * A plain query: run in auto-commit mode it commits nothing, so it has no write to wait for. What
     * it read of others' commits reaches the file before those committers go on, and before any later
     * commit of this thread's (H2 writes commits in order); a select that locks rows is not plain.
     */
    static boolean onlyReads(String sql) {
        String statement = sql.stripLeading();
        return statement.regionMatches(true, 0, "select", 0, 6)
                && !statement.toLowerCase(Locale.ROOT).contains(" for update");
    }

    /**
     * Waits after a commit, and after giving back a connection that ran statements in auto-commit mode
     * that may have written.
     */
    private static final class Tracking implements InvocationHandler {

        private final Connection target;
        private final H2GroupCommit groupCommit;
        private boolean autoCommit;
        /** Statements prepared in auto-commit mode since the last wait: each committed on its own. */
        private boolean autoCommitted;
        /** Statements prepared in a transaction not yet committed or rolled back. */
        private boolean pending;

        Tracking(Connection target, H2GroupCommit groupCommit, boolean autoCommit) {
            this.target = target;
            this.groupCommit = groupCommit;
            this.autoCommit = autoCommit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement", "createStatement", "prepareCall" -> {
                    if (!autoCommit) {
                        pending = true;
                    } else if (!(method.getName().equals("prepareStatement") && onlyReads((String) args[0]))) {
                        autoCommitted = true;
                    }
                }
                case "commit" -> {
                    target.commit();
                    pending = false;
                    groupCommit.awaitWritten();
                    return null;
                }
                case "rollback" -> {
                    if (args == null) {
                        pending = false;
                    }
                }
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    // Switching auto-commit on commits what the transaction did.
                    boolean commits = on && !autoCommit && pending;
                    target.setAutoCommit(on);
                    autoCommit = on;
                    if (commits) {
                        pending = false;
                        groupCommit.awaitWritten();
                    }
                    return null;
                }
                case "close" -> {
                    boolean wait = autoCommitted && !target.isClosed();
                    autoCommitted = false;
                    target.close();
                    if (wait) {
                        groupCommit.awaitWritten();
                    }
                    return null;
                }
                case "unwrap" -> {
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
                }
                case "isWrapperFor" -> {
                    return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                }
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
