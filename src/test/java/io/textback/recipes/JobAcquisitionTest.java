package io.textback.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The job executor asks the database for due jobs only when half a batch fits in its job threads'
 * queue, and for no more than fit; while the queue is fuller it looks again soon, at the queue.
 */
class JobAcquisitionTest {

    @Test
    void asksForJobsOnlyWhenHalfABatchFitsAndNoMoreThanFit() throws Exception {
        var pool = threads(2, 32);
        var executor = executorOn(pool);
        executor.setWaitTimeInMillis(1000);
        var strategy = new JobAcquisition.WhenRoomStrategy(executor);
        var release = new CountDownLatch(1);
        try {
            assertThat(strategy.getNumJobsToAcquire("default")).as("all 34 free: a full batch").isEqualTo(32);
            assertThat(strategy.getWaitTime()).isZero();

            // Both threads busy and 20 jobs queued: 12 fit, fewer than half a batch.
            for (int i = 0; i < 22; i++) {
                pool.execute(() -> await(release));
            }
            assertThat(strategy.getNumJobsToAcquire("default")).isZero();
            assertThat(strategy.getWaitTime()).isEqualTo(JobAcquisition.FULL_QUEUE_WAIT_MILLIS);

            // Released: the queue drains and a full batch fits again.
            release.countDown();
            while (pool.getThreadPoolExecutor().getActiveCount() > 0 || !pool.getThreadPoolExecutor().getQueue().isEmpty()) {
                Thread.sleep(5);
            }
            assertThat(strategy.getNumJobsToAcquire("default")).isEqualTo(32);
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    @Test
    void asksForAsManyAsFitWhenMoreThanHalfABatchFits() {
        var pool = threads(1, 20);
        var executor = executorOn(pool);
        try {
            assertThat(new JobAcquisition.WhenRoomStrategy(executor).getNumJobsToAcquire("default")).isEqualTo(21);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void threadsAndAQueueSmallerThanHalfABatchStillGetJobs() {
        // The starter's defaults: a queue of 3; with one thread, 4 jobs fit in all.
        var pool = threads(1, 3);
        var executor = executorOn(pool);
        try {
            assertThat(new JobAcquisition.WhenRoomStrategy(executor).getNumJobsToAcquire("default")).isEqualTo(4);
        } finally {
            pool.shutdown();
        }
    }

    /** Job threads as the app makes them: a fixed number and a bounded queue. */
    private static ThreadPoolTaskExecutor threads(int threads, int queue) {
        var pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setQueueCapacity(queue);
        pool.initialize();
        return pool;
    }

    /** The job executor on those threads, asking for batches of 32 as the app's settings say. */
    private static JobAcquisition.BatchedJobExecutor executorOn(ThreadPoolTaskExecutor pool) {
        var executor = new JobAcquisition.BatchedJobExecutor();
        executor.setTaskExecutor(pool);
        executor.setMaxJobsPerAcquisition(32);
        return executor;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
