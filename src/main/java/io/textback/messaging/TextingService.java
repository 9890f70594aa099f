package io.textback.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.contacts.ContactRepository;
import io.textback.messaging.TextSender.NotTakenException;
import io.textback.messaging.TextSender.OutgoingText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one text and keeps the message log true to what happened. Each attempt carries a send key
 * (for a recipe, its "Send text" task): the entry is committed as "sending" before the provider is
 * asked, and stays so until the provider's answer is recorded. A later attempt with the same key
 * finds it "sending" and asks the provider whether it took the text before sending anything again.
 * No transaction is held while the provider is asked.
 */
@Service
public class TextingService {

    private static final Logger log = LoggerFactory.getLogger(TextingService.class);
    // Twilio's clock and ours differ a little: a lookup looks this much further back than the first attempt.
    private static final Duration LOOKUP_MARGIN = Duration.ofMinutes(2);
    private static final String UNSUBSCRIBED = "21610";

    private final TextSender sender;
    private final TextMessageLog messages;
    private final ContactRepository contacts;
    private final TransactionTemplate ownTransaction;

    TextingService(TextSender sender, TextMessageLog messages, ContactRepository contacts,
                   PlatformTransactionManager transactionManager) {
        this.sender = sender;
        this.messages = messages;
        this.contacts = contacts;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Request(String sendKey, Account account, String to, String template, String callSid,
                          String processInstanceId) {
    }

    /** One attempt's outcome, to be recorded by {@link #record}; no result when an earlier attempt already settled it. */
    public record Attempt(long entryId, SendResult result) {
    }

    /** Sends now and records the outcome at once: for a person pressing a button, who can press it again. */
    public TextMessage send(Request request) {
        Attempt attempt = attempt(request);
        return ownTransaction.execute(tx -> record(attempt));
    }

    /**
     * Asks the provider to take the text, or learns what an earlier attempt with the same key did.
     *
     * @throws NotTakenException when the provider certainly did not take it (safe to try again)
     * @throws TextSender.OutcomeUnknownException when it may have; the entry stays "sending"
     */
    public Attempt attempt(Request request) {
        Account account = request.account();
        var text = new OutgoingText(account.defaultNumber(), request.to(),
                render(request.template(), account, request.to()));
        var existing = messages.findBySendKey(request.sendKey());
        if (existing.isPresent()) {
            TextStatus status = TextStatus.fromLabel(existing.get().status());
            if (status.settled()) {
                return new Attempt(existing.get().id(), null);
            }
            if (status == TextStatus.SENDING) {
                // An earlier attempt may have reached the provider: its answer was lost, or the process stopped.
                var taken = sender.findAccepted(text, existing.get().createdAt().minus(LOOKUP_MARGIN),
                        messages.providerSidsBetween(text.from(), text.to()));
                if (taken.isPresent()) {
                    log.info("Text {} was taken by an earlier attempt ({}); not sent again", existing.get().id(),
                            taken.get().providerSid());
                    return new Attempt(existing.get().id(), taken.get());
                }
            }
        }
        if (contacts.isOptedOut(account.id(), request.to())) {
            long id = existing.map(TextMessage::id).orElseGet(() -> reserve(request, text, TextStatus.OPTED_OUT));
            return new Attempt(id, new SendResult(TextStatus.OPTED_OUT, null, null, "the caller opted out of texts"));
        }
        long id;
        if (existing.isPresent()) {
            id = existing.get().id();
            mark(id, TextStatus.SENDING, null);
        } else {
            id = reserve(request, text, TextStatus.SENDING);
        }
        SendResult result;
        try {
            result = sender.send(text);
        } catch (NotTakenException e) {
            mark(id, TextStatus.RETRYING, e.getMessage());
            throw e;
        }
        if (result.status() == TextStatus.FAILED) {
            log.warn("Twilio refused the text to {}: {} {}", request.to(), result.errorCode(), result.errorMessage());
            if (UNSUBSCRIBED.equals(result.errorCode())) {
                contacts.setOptedOut(account.id(), request.to(), true);
            }
        }
        return new Attempt(id, result);
    }

    /**
     * Writes the attempt's outcome in the caller's transaction (a recipe's, with the step it
     * completes): if that rolls back, the entry stays "sending" and the next attempt asks first.
     */
    public TextMessage record(Attempt attempt) {
        SendResult result = attempt.result();
        if (result != null) {
            messages.record(attempt.entryId(), result, Instant.now());
            if (result.providerSid() != null) {
                afterCommit(() -> applyEarlierReports(result.providerSid()));
            }
        }
        return messages.findById(attempt.entryId()).orElseThrow();
    }

    /**
     * A delivery report from the provider. It is kept before it is applied, so that one arriving
     * before its text's send has committed is applied when that commit happens.
     */
    public void statusReported(String providerSid, TextStatus status, String errorCode) {
        ownTransaction.executeWithoutResult(tx -> messages.insertReport(providerSid, status, errorCode, Instant.now()));
        messages.advanceStatus(providerSid, status, errorCode, Instant.now());
    }

    /** The text a template gives for one caller, with what the business knows about them. */
    public String render(String template, Account account, String to) {
        Map<String, String> fields = new HashMap<>();
        fields.put(MessageTemplate.BUSINESS_NAME, account.businessName());
        fields.put(MessageTemplate.BUSINESS_PHONE, account.defaultNumber());
        fields.put(MessageTemplate.CONTACT_PHONE, to);
        contacts.find(account.id(), to).ifPresent(c -> {
            fields.put(MessageTemplate.CONTACT_FIRST_NAME, c.firstName());
            fields.put(MessageTemplate.CONTACT_LAST_NAME, c.lastName());
            fields.put(MessageTemplate.CONTACT_NAME, c.name());
        });
        return MessageTemplate.render(template, fields);
    }

    private void applyEarlierReports(String providerSid) {
        for (var report : messages.reportsFor(providerSid)) {
            messages.advanceStatus(providerSid, report.status(), report.errorCode(), Instant.now());
        }
    }

    private static void afterCommit(Runnable work) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }

    private long reserve(Request request, OutgoingText text, TextStatus status) {
        var entry = new TextMessageLog.NewEntry(request.sendKey(), request.account().id(), request.callSid(),
                request.processInstanceId(), text.to(), text.from(), text.body(), SmsSegments.of(text.body()).segments(),
                status);
        try {
            return ownTransaction.execute(tx -> messages.insert(entry, Instant.now()));
        } catch (DuplicateKeyException e) {
            return messages.findBySendKey(request.sendKey()).orElseThrow().id();
        }
    }

    private void mark(long id, TextStatus status, String reason) {
        ownTransaction.executeWithoutResult(tx -> messages.record(id, new SendResult(status, null, null, reason),
                Instant.now()));
    }
}
