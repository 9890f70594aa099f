package io.textback.system;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads of rarely changed rows (an account, its sending rules) kept for a moment: every missed call
 * asks for them several times. A change made through this node is seen at once (the changer calls
 * {@link #forget}); one made through another node of a cluster, within {@link #KEPT}. Only what was
 * found is kept: a key that finds nothing is asked each time.
 */
public final class KeptReads<K, V> {

    public static final Duration KEPT = Duration.ofSeconds(1);

    private record Kept<V>(V value, long until) {
    }

    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();

    public Optional<V> get(K key, Supplier<Optional<V>> read) {
        long now = System.nanoTime();
        Kept<V> found = kept.get(key);
        if (found != null && found.until() - now > 0) {
            return Optional.of(found.value());
        }
        Optional<V> value = read.get();
        value.ifPresent(it -> kept.put(key, new Kept<>(it, now + KEPT.toNanos())));
        return value;
    }

    /**
     * Called by every change: the next read goes to the database, and so does the first read after
     * the change's transaction ends (a read in between may have kept what was there before).
     */
    public void forget() {
        kept.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    kept.clear();
                }
            });
        }
    }
}
