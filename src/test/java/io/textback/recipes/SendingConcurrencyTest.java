package io.textback.recipes;

import static io.textback.recipes.SendingConcurrency.Answer.TAKEN;
import static io.textback.recipes.SendingConcurrency.Answer.TOO_MANY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Twilio's 429 (too many requests at once on the account) makes a node send fewer texts at once,
 * and texts Twilio takes bring it back up to the most configured.
 */
class SendingConcurrencyTest {

    @Test
    void a429HalvesTextsAtOnceOncePerRoundAndTakenTextsGrowThemBack() {
        var concurrency = new SendingConcurrency(100);

        // Forty texts out together, all refused: one overload, one halving.
        for (int i = 0; i < 40; i++) {
            concurrency.enter();
        }
        for (int i = 0; i < 40; i++) {
            concurrency.leave(TOO_MANY);
        }
        assertThat(concurrency.allowed()).isEqualTo(50);

        // Each round of texts taken (as many as are allowed) adds one.
        for (int round = 0; round < 3; round++) {
            int allowed = concurrency.allowed();
            for (int i = 0; i < allowed; i++) {
                concurrency.enter();
                concurrency.leave(TAKEN);
            }
        }
        assertThat(concurrency.allowed()).isEqualTo(53);
    }

    @Test
    void aSenderPastTheAllowedWaitsUntilATextComesBack() throws Exception {
        var concurrency = new SendingConcurrency(2);
        concurrency.enter();
        concurrency.enter();
        var third = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            concurrency.enter();
            third.countDown();
        });
        sender.start();

        assertThat(third.await(200, TimeUnit.MILLISECONDS)).as("a third text sent while two are out").isFalse();
        concurrency.leave(TAKEN);
        assertThat(third.await(2, TimeUnit.SECONDS)).as("the third text sent once one came back").isTrue();
        sender.join();
    }
}
