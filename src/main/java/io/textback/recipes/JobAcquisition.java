package io.textback.recipes;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;

import io.textback.system.H2GroupCommit;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.jobexecutor.BackoffJobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultAcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobAcquisitionStrategy;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.spring.boot.starter.property.JobExecutionProperty;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The engine's job executor, acquiring due jobs (the recipes' timers and steps) in batches that fill
 * the job threads' queue, instead of a few at a time.
 * <p>
 * The engine's own acquisition asks the database again as soon as it has handed jobs over, for as
 * many as the queue refused last time: with thousands of waits due at once the queue is always nearly
 * full, so it asked for one or two jobs at a time, and each of those queries sorts every due job to
 * find them (on PostgreSQL, 5,547 acquisitions for 10,000 waits due: 1.8 ms each, a third of the
 * database's time). Here it asks only once at least half a batch fits in the queue, for as many as
 * fit, and looks again every {@link #FULL_QUEUE_WAIT_MILLIS} ms while the queue is fuller than that
 * (a look at the queue, not at the database). Idle, it waits as the engine's strategy says. A job
 * thread runs single jobs still queued together with its own, in one command ({@link JobBatch}).
 */
@Configuration(proxyBeanMethods = false)
class JobAcquisition {

    /** How often a full queue is looked at again: the job threads take a job each few milliseconds. */
    static final long FULL_QUEUE_WAIT_MILLIS = 20;

    /**
     * The job threads, sized as the starter sizes its own. A recipe's step commits without waiting for
     * H2 to write it to its file: the engine runs a lost step again from where the file left it, and
     * the first text or answer that leaves the process waits for a write that carries the step too.
     */
    @Bean(name = "camundaTaskExecutor")
    @ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true", matchIfMissing = true)
    static ThreadPoolTaskExecutor camundaTaskExecutor(CamundaBpmProperties properties) {
        JobExecutionProperty settings = properties.getJobExecution();
        var threads = new ThreadPoolTaskExecutor();
        threads.setCorePoolSize(settings.getCorePoolSize());
        threads.setMaxPoolSize(settings.getMaxPoolSize());
        threads.setQueueCapacity(settings.getQueueCapacity());
        Optional.ofNullable(settings.getKeepAliveSeconds()).ifPresent(threads::setKeepAliveSeconds);
        threads.setThreadNamePrefix("camundaTaskExecutor-");
        threads.setTaskDecorator(JobBatch.Task::new);
        return threads;
    }

    /** Configured as the starter configures its own, from {@code camunda.bpm.job-execution}. */
    @Bean
    @ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true", matchIfMissing = true)
    static JobExecutor jobExecutor(@Qualifier("camundaTaskExecutor") TaskExecutor taskExecutor,
                                   CamundaBpmProperties properties) {
        var executor = new BatchedJobExecutor();
        executor.setTaskExecutor(taskExecutor);
        executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        JobExecutionProperty settings = properties.getJobExecution();
        Optional.ofNullable(settings.getLockTimeInMillis()).ifPresent(executor::setLockTimeInMillis);
        Optional.ofNullable(settings.getMaxJobsPerAcquisition()).ifPresent(executor::setMaxJobsPerAcquisition);
        Optional.ofNullable(settings.getWaitTimeInMillis()).ifPresent(executor::setWaitTimeInMillis);
        Optional.ofNullable(settings.getMaxWait()).ifPresent(executor::setMaxWait);
        Optional.ofNullable(settings.getBackoffTimeInMillis()).ifPresent(executor::setBackoffTimeInMillis);
        Optional.ofNullable(settings.getMaxBackoff()).ifPresent(executor::setMaxBackoff);
        Optional.ofNullable(settings.getBackoffDecreaseThreshold()).ifPresent(executor::setBackoffDecreaseThreshold);
        Optional.ofNullable(settings.getWaitIncreaseFactor()).ifPresent(executor::setWaitIncreaseFactor);
        return executor;
    }

    static final class BatchedJobExecutor extends SpringJobExecutor {

        @Override
        protected void ensureInitialization() {
            if (acquireJobsCmdFactory == null) {
                acquireJobsCmdFactory = new DefaultAcquireJobsCommandFactory(this);
            }
            acquireJobsRunnable = new SequentialJobAcquisitionRunnable(this) {
                /** A lock on jobs, lost with a killed process, leaves them free to run again at once: no wait for H2's file. */
                @Override
                public synchronized void run() {
                    H2GroupCommit.withoutWaiting(super::run);
                }

                @Override
                protected JobAcquisitionStrategy initializeAcquisitionStrategy() {
                    return new WhenRoomStrategy(BatchedJobExecutor.this);
                }
            };
        }

        /** A job thread's turn, taking single jobs waiting in the queue into one command with its own. */
        @Override
        public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl processEngine) {
            BlockingQueue<Runnable> queue = getTaskExecutor() instanceof ThreadPoolTaskExecutor pool
                    ? pool.getThreadPoolExecutor().getQueue() : null;
            return new JobBatch(jobIds, processEngine, queue);
        }

        /** Jobs the threads and their queue can take now; unbounded for an executor of another kind. */
        int room() {
            if (getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
                ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
                return threads.getQueue().remainingCapacity() + threads.getMaximumPoolSize() - threads.getActiveCount();
            }
            return Integer.MAX_VALUE;
        }

        /** Jobs the threads and their queue can take when idle; unbounded for an executor of another kind. */
        int capacity() {
            if (getTaskExecutor() instanceof ThreadPoolTaskExecutor pool) {
                ThreadPoolExecutor threads = pool.getThreadPoolExecutor();
                return threads.getQueue().size() + threads.getQueue().remainingCapacity() + threads.getMaximumPoolSize();
            }
            return Integer.MAX_VALUE;
        }
    }

    /** The engine's back-off and idle waits, asking for jobs only when half a batch fits. */
    static final class WhenRoomStrategy extends BackoffJobAcquisitionStrategy {

        private final BatchedJobExecutor executor;
        /** The least room worth a query: half a batch, or half of all the room where threads and queue hold less. */
        private final int enough;

        WhenRoomStrategy(BatchedJobExecutor executor) {
            super(executor);
            this.executor = executor;
            this.enough = Math.max(1, Math.min(executor.getMaxJobsPerAcquisition(), executor.capacity()) / 2);
        }

        @Override
        public int getNumJobsToAcquire(String processEngine) {
            int room = executor.room();
            return room < enough ? 0 : Math.min(super.getNumJobsToAcquire(processEngine), room);
        }

        @Override
        public long getWaitTime() {
            long wait = super.getWaitTime();
            return wait == 0 && executor.room() < enough ? FULL_QUEUE_WAIT_MILLIS : wait;
        }
    }
}
