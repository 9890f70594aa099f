package io.textback.recipes;

import org.springframework.stereotype.Component;

/** Wakes the send worker when a transaction on this node has created a "Send text" task. */
@Component
class SendTextSignal {

    private boolean signalled;

    synchronized void wake() {
        signalled = true;
        notifyAll();
    }

    /** Waits until woken or until the time is up; true when woken. */
    synchronized boolean await(long millis) throws InterruptedException {
        if (!signalled && millis > 0) {
            wait(millis);
        }
        boolean woken = signalled;
        signalled = false;
        return woken;
    }
}
