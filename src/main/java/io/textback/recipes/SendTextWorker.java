package io.textback.recipes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.calls.CallOutcomes;
import io.textback.messaging.Channel;
import io.textback.messaging.TextSender.NotTakenException;
import io.textback.system.CallLogContext;
import io.textback.system.H2GroupCommit;
import io.textback.messaging.TextingService;
import io.textback.recipes.SendTextTask.RetryCycle;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteExternalTaskCmd;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the recipes' "Send text" tasks: fetches them in batches and reserves their log entries in
 * one transaction, sends up to {@code parallelism} at once without holding a job thread or a
 * database connection while Twilio answers, and completes them in batches, each text's outcome in
 * the message log committing with its task's completion. The worker's routine database work runs
 * on three threads (one fetching, two completing), so a burst of texts never takes all the
 * connections the webhooks need.
 * <p>
 * A failure that proves Twilio did not take the text is retried as the task's retry cycle says;
 * one that leaves it unknown too, but the next attempt asks Twilio first. A 429 pauses all
 * fetching for as long as Twilio asked, costs the task no retry, and halves how many texts this
 * node sends at once until Twilio has taken enough again ({@link SendingConcurrency}). When the
 * retries are spent the task becomes an incident in Cockpit with Twilio's reason.
 */
@Component
public class SendTextWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SendTextWorker.class);
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(1);
    private static final int COMPLETION_BATCH = 100;
    // Completing a text is the engine's heaviest step of a send; with batches that fill while a completer
    // lingers, two threads keep up with 50 in flight (four measured the same on PostgreSQL, worse on H2).
    private static final int COMPLETERS = 2;
    /**
     * How long a completer waits for more sent texts before it commits a batch. A commit costs about
     * as much as many completions (H2 writes every changed page of every table touched), so that
     * texts answered within a few milliseconds of each other share one; it adds nothing to when
     * Twilio gets a text.
     */
    private static final Duration COMPLETION_LINGER = Duration.ofMillis(20);
    /**
     * While texts queue up, the fetcher waits up to {@link #FETCH_LINGER} for this many free slots
     * before it fetches: each fetch is a transaction, and the reservation after it waits for H2's
     * file. (The engine's own fetch read every due task of the topic on H2 whatever the batch size;
     * {@link ExternalTaskFetchOnH2} reads only the batch.)
     */
    private static final int FETCH_BATCH = 10;
    private static final Duration FETCH_LINGER = Duration.ofMillis(50);
    /**
     * Texts fetched and prepared ahead of a free sender, so that a sender Twilio has just answered
     * takes the next text at once instead of waiting for a fetch and its transaction.
     */
    private static final int PREPARED_AHEAD = 2 * FETCH_BATCH;

    private final ExternalTaskService externalTasks;
    private final ProcessEngineConfigurationImpl engine;
    private final RepositoryService repository;
    private final AccountRepository accounts;
    private final TextingService texting;
    private final CallOutcomes outcomes;
    private final TransactionTemplate transaction;
    private final SendTextSignal signal;
    private final Waits waits;
    private final boolean background;
    private final int parallelism;
    private final Duration lock;
    private final Duration idlePoll;
    private final String workerId = "textback-" + UUID.randomUUID();
    private final Map<String, Map<String, String>> taskProperties = new ConcurrentHashMap<>();
    /**
     * Texts prepared for sending: at most {@code parallelism} in flight to Twilio (one per sender thread)
     * and {@link #PREPARED_AHEAD} waiting for a sender. A slot is taken before the text is prepared and
     * given back as Twilio answers.
     */
    private final Semaphore slots;
    /** Of the senders, how many may be with Twilio at once: fewer after Twilio answers 429. */
    private final SendingConcurrency concurrency;
    /**
     * Texts fetched and not yet recorded: those in flight, and those Twilio answered that wait for a
     * completer. Twilio's answers free the slots at once, so a completer's commit never holds back the
     * next sends; this bounds how far recording may fall behind (each waiting text keeps its lock).
     */
    private final Semaphore unrecorded;
    private volatile long pausedUntil;
    private volatile boolean running;
    private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private ExecutorService senders;
    private Thread fetcher;
    private final List<Thread> completers = new ArrayList<>();

    SendTextWorker(ExternalTaskService externalTasks, ProcessEngineConfigurationImpl engine, RepositoryService repository,
                   AccountRepository accounts, TextingService texting, CallOutcomes outcomes,
                   PlatformTransactionManager transactionManager, SendTextSignal signal, Waits waits,
                   @Value("${camunda.bpm.job-execution.enabled:true}") boolean background,
                   @Value("${textback.sending.parallelism:100}") int parallelism,
                   @Value("${textback.sending.lock:40s}") Duration lock,
                   @Value("${textback.sending.idle-poll:500ms}") Duration idlePoll) {
        this.externalTasks = externalTasks;
        this.engine = engine;
        this.repository = repository;
        this.accounts = accounts;
        this.texting = texting;
        this.outcomes = outcomes;
        this.transaction = new TransactionTemplate(transactionManager);
        this.signal = signal;
        this.waits = waits;
        this.background = background;
        this.parallelism = parallelism;
        this.lock = lock;
        this.idlePoll = idlePoll;
        this.slots = new Semaphore(parallelism + PREPARED_AHEAD);
        this.concurrency = new SendingConcurrency(parallelism);
        this.unrecorded = new Semaphore(parallelism + PREPARED_AHEAD + COMPLETERS * COMPLETION_BATCH);
    }

    /**
     * Sends every "Send text" task that is due now, one after another, and returns how many it
     * worked. Tests with the job executor off drive recipes with it, as the engine's clock says.
     */
    public int sendDue() {
        int worked = 0;
        List<LockedExternalTask> tasks;
        while (!(tasks = fetch(parallelism)).isEmpty()) {
            var sent = new ArrayList<Sent>();
            for (Prepared prepared : prepareAll(tasks)) {
                deliver(prepared).ifPresent(sent::add);
            }
            completeAll(sent);
            worked += tasks.size();
        }
        return worked;
    }

    @Override
    public void start() {
        running = true;
        if (!background) {
            return;
        }
        var threads = new AtomicInteger();
        senders = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "send-text-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        fetcher = new Thread(this::fetchLoop, "send-text-fetcher");
        fetcher.setDaemon(true);
        fetcher.start();
        for (int i = 1; i <= COMPLETERS; i++) {
            Thread completer = new Thread(this::completeLoop, "send-text-completer-" + i);
            completer.setDaemon(true);
            completer.start();
            completers.add(completer);
        }
    }

    @Override
    public void stop() {
        running = false;
        if (fetcher != null) {
            fetcher.interrupt();
            senders.shutdown();
            try {
                // Sends under way finish and record; the rest are fetched again once their lock expires.
                senders.awaitTermination(10, TimeUnit.SECONDS);
                for (Thread completer : completers) {
                    completer.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Fetches due texts while fewer than {@code parallelism} are in flight (and recording keeps up), and
     * prepares each batch at once.
     */
    private void fetchLoop() {
        boolean backlog = false;
        while (running) {
            try {
                long pause = pausedUntil - System.currentTimeMillis();
                if (pause > 0) {
                    Thread.sleep(pause);
                    continue;
                }
                int free = freeToFetch(backlog);
                // The lock needs no wait for H2's file: the reservation's commit below waits for a write that carries it.
                List<LockedExternalTask> tasks = H2GroupCommit.withoutWaiting(() -> fetch(free));
                // A full batch: more may be waiting.
                backlog = tasks.size() == free;
                if (tasks.isEmpty()) {
                    signal.await(idlePoll.toMillis());
                    continue;
                }
                unrecorded.acquire(tasks.size());
                slots.acquire(tasks.size());
                List<Prepared> prepared = prepareAll(tasks);
                slots.release(tasks.size() - prepared.size());
                unrecorded.release(tasks.size() - prepared.size());
                for (Prepared text : prepared) {
                    senders.execute(() -> {
                        Optional<Sent> answered;
                        try {
                            answered = deliver(text);
                        } finally {
                            slots.release();
                        }
                        answered.ifPresentOrElse(sent::add, unrecorded::release);
                    });
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Fetching texts to send failed; trying again: {}", e.getMessage());
                sleep(idlePoll);
            }
        }
    }

    /** Records sent texts and completes their tasks, many in one transaction. */
    private void completeLoop() {
        while (running || !sent.isEmpty()) {
            try {
                Sent first = sent.poll(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                var batch = new ArrayList<Sent>();
                batch.add(first);
                lingerForMore(batch);
                try {
                    // Lost with a killed process, a record is made again: the text's next attempt asks Twilio first.
                    H2GroupCommit.withoutWaiting(() -> completeAll(batch));
                } finally {
                    unrecorded.release(batch.size());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Completing sent texts failed: {}", e.getMessage());
            }
        }
    }

    /**
     * How many texts to fetch: as many as are free to send and record, at least one; while texts
     * queue up, waits up to {@link #FETCH_LINGER} for a batch of {@link #FETCH_BATCH}.
     */
    private int freeToFetch(boolean backlog) throws InterruptedException {
        int free = Math.min(awaitFree(slots), awaitFree(unrecorded));
        long until = System.nanoTime() + FETCH_LINGER.toNanos();
        int batch = Math.min(FETCH_BATCH, parallelism);
        while (backlog && free < batch && System.nanoTime() < until) {
            Thread.sleep(5);
            free = Math.max(free, Math.min(slots.availablePermits(), unrecorded.availablePermits()));
        }
        return free;
    }

    /** Waits until the semaphore has a permit; returns how many it has. Only the fetcher takes permits. */
    private static int awaitFree(Semaphore permits) throws InterruptedException {
        permits.acquire();
        int free = permits.availablePermits() + 1;
        permits.release();
        return free;
    }

    /** Adds the texts sent within {@link #COMPLETION_LINGER}, up to a full batch; an interrupt ends the wait. */
    private void lingerForMore(List<Sent> batch) {
        long until = System.nanoTime() + COMPLETION_LINGER.toNanos();
        try {
            Sent next;
            while (batch.size() < COMPLETION_BATCH
                    && (next = sent.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
                batch.add(next);
                sent.drainTo(batch, COMPLETION_BATCH - batch.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<LockedExternalTask> fetch(int max) {
        // No order: the engine's priorities are not used by the recipes, and ordering makes the database
        // read every due text for each fetch. H2 reads them in the order they were created.
        return externalTasks.fetchAndLock(max, workerId, false)
                .topic(SendTextTask.TOPIC, lock.toMillis())
                .variables(RecipeContract.ACCOUNT_ID.name(), RecipeContract.CALLER.name(),
                        MissedCallStart.CALL_SID.name(), SendTextTask.INPUT_MESSAGE)
                .execute();
    }

    private record Prepared(LockedExternalTask task, TextingService.Prepared text) {
    }

    private record Sent(LockedExternalTask task, TextingService.Attempt attempt) {
    }

    /**
     * Reserves the log entries of a batch in one transaction, committed before any is sent; when
     * that fails, each task is prepared alone, so that one bad task fails alone.
     */
    private List<Prepared> prepareAll(List<LockedExternalTask> tasks) {
        var accountsOfBatch = new HashMap<String, Optional<Account>>();
        var requests = new ArrayList<Map.Entry<LockedExternalTask, TextingService.Request>>();
        for (LockedExternalTask task : tasks) {
            try {
                requests.add(Map.entry(task, request(task, accountsOfBatch)));
            } catch (IllegalArgumentException badRecipe) {
                // Retrying cannot fix a recipe without a caller or an account: an incident says why at once.
                fail(task, badRecipe.getMessage(), badRecipe, 0, 0);
            }
        }
        try {
            return transaction.execute(tx -> requests.stream()
                    .map(r -> new Prepared(r.getKey(), texting.prepare(r.getValue()))).toList());
        } catch (RuntimeException batchFailed) {
            var prepared = new ArrayList<Prepared>();
            for (var r : requests) {
                try {
                    prepared.add(new Prepared(r.getKey(), transaction.execute(tx -> texting.prepare(r.getValue()))));
                } catch (RuntimeException e) {
                    failOnce(r.getKey(), e, null);
                }
            }
            return prepared;
        }
    }

    /** Sends one prepared text; empty when it failed and its failure was reported to the engine. */
    private Optional<Sent> deliver(Prepared prepared) {
        LockedExternalTask task = prepared.task();
        var request = prepared.text().request();
        CallLogContext.call(request.callSid(), request.account().id());
        CallLogContext.processInstance(task.getProcessInstanceId());
        concurrency.enter();
        var answer = SendingConcurrency.Answer.OTHER;
        try {
            // A text prepared ahead waits out a pause that Twilio's 429 asked for after it was fetched.
            long pause = pausedUntil - System.currentTimeMillis();
            if (pause > 0) {
                sleep(Duration.ofMillis(pause));
            }
            var attempt = texting.deliver(prepared.text());
            answer = SendingConcurrency.Answer.TAKEN;
            return Optional.of(new Sent(task, attempt));
        } catch (NotTakenException e) {
            if (e.rateLimited()) {
                answer = SendingConcurrency.Answer.TOO_MANY;
                Duration wait = e.retryAfter() == null ? RATE_LIMIT_WAIT : e.retryAfter();
                pausedUntil = Math.max(pausedUntil, System.currentTimeMillis() + wait.toMillis());
                int retries = task.getRetries() == null ? retryCycle(task).retries() : task.getRetries();
                fail(task, e.getMessage(), e, retries, wait.toMillis());
            } else {
                failOnce(task, e, e.retryAfter());
            }
        } catch (RuntimeException e) {
            failOnce(task, e, null);
        } finally {
            concurrency.leave(answer);
            CallLogContext.clear();
        }
        return Optional.empty();
    }

    /** Each text's outcome commits with its task's completion; one transaction for the batch when it can. */
    private void completeAll(List<Sent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            complete(batch);
        } catch (RuntimeException batchFailed) {
            for (Sent one : batch) {
                try {
                    complete(List.of(one));
                } catch (RuntimeException e) {
                    // The entry stays "sending": once the lock runs out the task is fetched again and asks first.
                    log.warn("Could not complete the text of task {}: {}", one.task().getId(), e.getMessage());
                }
            }
        }
    }

    /**
     * Records what Twilio said of each text (the message log, the call's outcome) and completes its
     * task, all in one transaction and one engine command: the engine reads the recipe's definition
     * once and writes the rows of all the texts together (a command per text read it and flushed its
     * few rows once per text), and the recipes' own rows are read together first
     * ({@link InstancesReadTogether}).
     */
    private void complete(List<Sent> texts) {
        transaction.executeWithoutResult(tx -> engine.getCommandExecutorTxRequired().execute(context -> {
            InstancesReadTogether.read(context, texts.stream().map(one -> one.task().getProcessInstanceId()).toList(),
                    EnumSet.of(InstancesReadTogether.Rows.EXTERNAL_TASKS));
            for (Sent one : texts) {
                var text = texting.record(one.attempt());
                outcomes.textResult(MissedCallStart.CALL_SID.from(one.task()).orElse(null), text);
                var result = Variables.createVariables();
                RecipeContract.TEXT_STATUS.on(result, text.status());
                RecipeContract.TEXT_MESSAGE_ID.on(result, text.id());
                new CompleteExternalTaskCmd(one.task().getId(), workerId, result, null).execute(context);
            }
            return null;
        }));
    }

    private TextingService.Request request(LockedExternalTask task, Map<String, Optional<Account>> known) {
        String accountId = RecipeContract.ACCOUNT_ID.from(task).orElse(null);
        String caller = RecipeContract.CALLER.from(task).orElse(null);
        if (accountId == null || caller == null) {
            throw new IllegalArgumentException("Send text needs the variables 'accountId' and 'caller'");
        }
        Account account = known.computeIfAbsent(accountId, accounts::findById)
                .orElseThrow(() -> new IllegalArgumentException("Send text: no account '" + accountId + "'"));
        Object message = task.getVariables().get(SendTextTask.INPUT_MESSAGE);
        String template = message == null || message.toString().isBlank()
                ? account.settings().messageTemplate() : message.toString();
        // The task is the same across its retries and new for every visit of the step, so it names the attempt.
        return new TextingService.Request("task:" + task.getId(), account, caller, template,
                MissedCallStart.CALL_SID.from(task).orElse(null), task.getProcessInstanceId(), channel(task));
    }

    /** One retry of the task's cycle spent; none left makes an incident. */
    private void failOnce(LockedExternalTask task, RuntimeException e, Duration atLeast) {
        RetryCycle cycle = retryCycle(task);
        int left = task.getRetries() == null ? cycle.retries() : task.getRetries() - 1;
        long wait = waits.scaled(cycle.interval()).toMillis();
        if (atLeast != null) {
            wait = Math.max(wait, atLeast.toMillis());
        }
        log.warn("Text for call {} not sent ({} retries left): {}", task.getBusinessKey(), Math.max(left, 0),
                e.getMessage());
        fail(task, e.getMessage(), e, Math.max(left, 0), wait);
    }

    private void fail(LockedExternalTask task, String message, Throwable cause, int retries, long waitMillis) {
        try {
            externalTasks.handleFailure(task.getId(), workerId, message == null ? cause.toString() : message,
                    stackTrace(cause), retries, waitMillis);
        } catch (RuntimeException e) {
            // Gone (the recipe moved on) or locked by another worker after our lock ran out: nothing to add.
            log.info("Could not report the failed send of task {}: {}", task.getId(), e.getMessage());
        }
    }

    private RetryCycle retryCycle(LockedExternalTask task) {
        String cycle = properties(task).get(SendTextTask.PROPERTY_RETRY_CYCLE);
        return cycle == null ? SendTextTask.DEFAULT_RETRY_CYCLE : RetryCycle.parse(cycle);
    }

    private Channel channel(LockedExternalTask task) {
        String channel = properties(task).get(SendTextTask.PROPERTY_CHANNEL);
        return channel == null ? Channel.SMS : Channel.fromLabel(channel);
    }

    /** The task's properties in its BPMN file (retry cycle, channel), read once per recipe version. */
    private Map<String, String> properties(LockedExternalTask task) {
        return taskProperties.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getActivityId(), key -> {
            BaseElement element = repository.getBpmnModelInstance(task.getProcessDefinitionId())
                    .getModelElementById(task.getActivityId());
            if (element == null || element.getExtensionElements() == null) {
                return Map.of();
            }
            var found = new HashMap<String, String>();
            element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                    .flatMap(properties -> properties.getCamundaProperties().stream())
                    .forEach(property -> found.putIfAbsent(property.getCamundaName(), property.getCamundaValue()));
            return found;
        });
    }

    private static String stackTrace(Throwable e) {
        var out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
