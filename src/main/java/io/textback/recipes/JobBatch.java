package io.textback.recipes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import io.textback.system.H2GroupCommit;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.ProcessDataContext;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobsRunnable;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClassLoaderUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job thread's turn: the jobs the acquisition handed over together (one recipe's), and, when that is
 * a single job, up to {@link #MAX_JOBS} single jobs of other recipes still waiting in the job threads'
 * queue, run in one engine command and one transaction.
 * <p>
 * With thousands of waits due at once, each timer's step is a few milliseconds of the engine's work;
 * run one command each, every step also paid for its own transaction, its own read of the recipe's
 * definition and its own flush, where a batch's rows of each kind go to the database together, and
 * its recipes' rows are read together first ({@link InstancesReadTogether}). If
 * anything in the batch fails (a recipe's step throws, a row changed meanwhile), the batch rolls back
 * and each of its jobs runs again on its own exactly as the engine runs it: the failing one gets its
 * retries and its incident, the others succeed. A step may thus run twice, as after any retry or
 * restart; a recipe's steps are written for that (a text's reservation and its question to Twilio).
 * Jobs a step adds for its own recipe, due now, run after the batch, one by one.
 */
final class JobBatch extends ExecuteJobsRunnable {

    private static final Logger LOG = LoggerFactory.getLogger(JobBatch.class);

    /** Jobs of one command at most: enough to share its costs, few enough that a rollback repeats little. */
    static final int MAX_JOBS = 16;

    private final BlockingQueue<Runnable> queue;

    /** @param queue the job threads' queue, where other single jobs may wait; {@code null} for none. */
    JobBatch(List<String> jobIds, ProcessEngineImpl processEngine, BlockingQueue<Runnable> queue) {
        super(jobIds, processEngine);
        this.queue = queue;
    }

    /** The job threads' tasks, recognisable in their queue: each runs without waiting for H2's file. */
    record Task(Runnable job) implements Runnable {
        @Override
        public void run() {
            H2GroupCommit.withoutWaiting(job);
        }
    }

    @Override
    public void run() {
        List<String> batch = jobIds.size() == 1 && jobExecutor.isActive() ? withQueuedSingles() : jobIds;
        if (batch == jobIds) {
            super.run();
        } else if (!runTogether(batch)) {
            new ExecuteJobsRunnable(batch, processEngine).run();
        }
    }

    /** This job and the single jobs of this engine at the head of the queue, taken out of it. */
    private List<String> withQueuedSingles() {
        List<String> batch = new ArrayList<>(jobIds);
        while (queue != null && batch.size() < MAX_JOBS
                && queue.peek() instanceof Task task
                && task.job() instanceof JobBatch next
                && next.processEngine == processEngine
                && next.jobIds.size() == 1) {
            if (queue.remove(task)) {
                batch.addAll(next.jobIds);
            }
        }
        return batch.size() == 1 ? jobIds : batch;
    }

    /**
     * Runs the jobs in one command, then any jobs their steps queued for this thread; false, with
     * nothing changed, when the command failed.
     */
    private boolean runTogether(List<String> batch) {
        ProcessEngineConfigurationImpl configuration = processEngine.getProcessEngineConfiguration();
        JobExecutorContext context = new JobExecutorContext();
        Context.setJobExecutorContext(context);
        ClassLoader before = switchClassLoader();
        try {
            configuration.getCommandExecutorTxRequired().execute(new RunJobs(batch, context));
        } catch (RuntimeException e) {
            LOG.debug("A batch of {} jobs failed and runs again one job at a time", batch.size(), e);
            return false;
        } finally {
            new ProcessDataContext(configuration).clearMdc();
            Context.removeJobExecutorContext();
            ClassLoaderUtil.setContextClassloader(before);
        }
        if (configuration.isMetricsEnabled()) {
            configuration.getMetricsRegistry().markOccurrence(Metrics.JOB_SUCCESSFUL, batch.size());
        }
        List<String> added = context.getCurrentProcessorJobQueue();
        if (!added.isEmpty()) {
            new ExecuteJobsRunnable(new ArrayList<>(added), processEngine).run();
        } else {
            jobExecutor.jobWasAdded();
        }
        return true;
    }

    /** The engine's own execution of each job (as {@code ExecuteJobsCmd} from the job executor), in one command. */
    private record RunJobs(List<String> jobIds, JobExecutorContext context) implements Command<Void> {
        @Override
        public Void execute(CommandContext commandContext) {
            var identity = commandContext.getProcessEngineConfiguration().getIdentityService();
            InstancesReadTogether.readJobs(commandContext, jobIds);
            for (String jobId : jobIds) {
                JobEntity job = commandContext.getDbEntityManager().selectById(JobEntity.class, jobId);
                if (job == null) {
                    continue; // deleted since it was acquired: its recipe moved on
                }
                context.setCurrentJob(job);
                if (job.getTenantId() != null) {
                    identity.setAuthentication(null, null, Collections.singletonList(job.getTenantId()));
                }
                try {
                    commandContext.setCurrentJob(job);
                    job.execute(commandContext);
                } finally {
                    context.setCurrentJob(null);
                    identity.clearAuthentication();
                }
            }
            return null;
        }
    }
}
