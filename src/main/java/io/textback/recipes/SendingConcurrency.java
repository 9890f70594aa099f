package io.textback.recipes;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many texts this node has with Twilio at once. Twilio answers 429 past an account's limit of
 * concurrent requests, a limit shared by every node and every other client of the account. A 429
 * halves how many this node sends at once (once per {@link #ROUND}: the texts sent together get
 * their 429s together); each round of texts Twilio takes adds one back, up to the most configured.
 * So the sender settles just under what the account allows instead of spending its texts' retries
 * on 429s.
 */
final class SendingConcurrency {

    /** Texts answered 429 within this time of the last halving are the same overload. */
    static final Duration ROUND = Duration.ofSeconds(1);

    /** What became of one text at Twilio. */
    enum Answer { TAKEN, TOO_MANY, OTHER }

    private final int most;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition free = lock.newCondition();
    private int allowed;
    private int inFlight;
    private int takenSinceChange;
    private long halvedAt = System.nanoTime() - ROUND.toNanos();

    SendingConcurrency(int most) {
        if (most < 1) {
            throw new IllegalArgumentException("Texts in flight at once must be at least 1, not " + most);
        }
        this.most = most;
        this.allowed = most;
    }

    /** Waits until one more text may go to Twilio. */
    void enter() {
        lock.lock();
        try {
            while (inFlight >= allowed) {
                free.awaitUninterruptibly();
            }
            inFlight++;
        } finally {
            lock.unlock();
        }
    }

    /** One text came back from Twilio: taken, refused as too many at once, or anything else. */
    void leave(Answer answer) {
        lock.lock();
        try {
            inFlight--;
            long now = System.nanoTime();
            if (answer == Answer.TOO_MANY) {
                if (now - halvedAt >= ROUND.toNanos()) {
                    allowed = Math.max(1, allowed / 2);
                    halvedAt = now;
                    takenSinceChange = 0;
                }
            } else if (answer == Answer.TAKEN && allowed < most && ++takenSinceChange >= allowed) {
                allowed++;
                takenSinceChange = 0;
            }
            free.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many texts may be with Twilio at once now. */
    int allowed() {
        lock.lock();
        try {
            return allowed;
        } finally {
            lock.unlock();
        }
    }
}
