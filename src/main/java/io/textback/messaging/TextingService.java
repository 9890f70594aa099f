package io.textback.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.textback.accounts.Account;
import io.textback.contacts.Contact;
import io.textback.contacts.ContactRepository;
import io.textback.messaging.TextSender.NotTakenException;
import io.textback.messaging.TextSender.OutgoingText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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

    private final TextSender sender;
    private final TextMessageLog messages;
    private final ContactRepository contacts;
    private final SendingPolicy policy;
    private final WhatsAppSenders whatsApp;
    private final TransactionTemplate ownTransaction;
    private final ObjectProvider<AccountMergeFields> accountFields;

    TextingService(TextSender sender, TextMessageLog messages, ContactRepository contacts, SendingPolicy policy,
                   WhatsAppSenders whatsApp, PlatformTransactionManager transactionManager,
                   ObjectProvider<AccountMergeFields> accountFields) {
        this.whatsApp = whatsApp;
        this.accountFields = accountFields;
        this.sender = sender;
        this.policy = policy;
        this.messages = messages;
        this.contacts = contacts;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Request(String sendKey, Account account, String to, String template, String callSid,
                          String processInstanceId, Channel channel) {

        public Request(String sendKey, Account account, String to, String template, String callSid,
                       String processInstanceId) {
            this(sendKey, account, to, template, callSid, processInstanceId, Channel.SMS);
        }
    }

    /** What {@link #deliver} has to do for a text whose entry {@link #prepare} reserved. */
    public enum Step {
        /** An earlier attempt settled it: nothing to send or record. */
        DONE,
        /** Settled without sending (opted out, monthly limit, landline): record the result. */
        RECORD,
        /** An earlier attempt's outcome is unknown: ask the provider, and send only if it has no such text. */
        ASK_FIRST,
        /** Reserved as "sending": send. */
        SEND
    }

    public record Prepared(Request request, long entryId, OutgoingText text, Step step, SendResult result,
                           TextStatus status, Instant since) {
    }

    /** One attempt's outcome, to be recorded by {@link #record}; no result when an earlier attempt settled it. */
    public record Attempt(long entryId, SendResult result, TextStatus status) {

        Attempt(long entryId, SendResult result) {
            this(entryId, result, result.status());
        }
    }

    /** Sends now and records the outcome at once: for a person pressing a button, who can press it again. */
    public TextMessage send(Request request) {
        Attempt attempt = attempt(request);
        return ownTransaction.execute(tx -> record(attempt));
    }

    /**
     * {@link #prepare} in a transaction of its own, then {@link #deliver}.
     *
     * @throws NotTakenException when the provider certainly did not take it (safe to try again)
     * @throws TextSender.OutcomeUnknownException when it may have; the entry stays "sending"
     */
    public Attempt attempt(Request request) {
        Prepared prepared;
        try {
            prepared = ownTransaction.execute(tx -> prepare(request));
        } catch (DuplicateKeyException raced) {
            // Another attempt with this key reserved the entry a moment ago: it may be sending, so ask first.
            prepared = ownTransaction.execute(tx -> prepare(request));
        }
        return deliver(prepared);
    }

    /**
     * Reads what earlier attempts with the request's key did and reserves its log entry as
     * "sending", in the caller's transaction: that must commit before {@link #deliver} asks the
     * provider, so that a lost answer is never mistaken for "not sent". Asks no provider.
     */
    public Prepared prepare(Request request) {
        Account account = request.account();
        if (request.channel().firstTry() != Channel.WHATSAPP) {
            return prepare(request, Channel.SMS, request.sendKey(), account.defaultNumber());
        }
        var whatsAppSender = whatsApp.find(account.id());
        boolean fallback = request.channel() == Channel.WHATSAPP_THEN_SMS;
        if (whatsAppSender.isEmpty() && fallback) {
            return prepare(request, Channel.SMS, smsKey(request), account.defaultNumber());
        }
        Prepared whatsAppTry = prepare(request, Channel.WHATSAPP, request.sendKey(), whatsAppSender.orElse(null));
        if (fallback && whatsAppTry.step() == Step.DONE && whatsAppTry.status() == TextStatus.FAILED) {
            return prepare(request, Channel.SMS, smsKey(request), account.defaultNumber());
        }
        return whatsAppTry;
    }

    /** One channel's try; {@code from} null means the account has no sender on that channel. */
    private Prepared prepare(Request request, Channel channel, String sendKey, String from) {
        Account account = request.account();
        var contact = contacts.find(account.id(), request.to());
        var text = new OutgoingText(from == null ? account.defaultNumber() : from, request.to(),
                render(request.template(), account, request.to(), contact), channel);
        var existing = messages.findBySendKey(sendKey);
        if (existing.isPresent()) {
            long id = existing.get().id();
            TextStatus status = TextStatus.fromLabel(existing.get().status());
            if (status.settled()) {
                return new Prepared(request, id, text, Step.DONE, null, status, null);
            }
            if (status == TextStatus.SENDING) {
                return new Prepared(request, id, text, Step.ASK_FIRST, null, status,
                        existing.get().createdAt().minus(LOOKUP_MARGIN));
            }
        }
        if (from == null) {
            long id = existing.map(TextMessage::id).orElseGet(() -> insert(request, sendKey, text, TextStatus.FAILED));
            var noSender = SendResult.refused(Refusal.CHANNEL_UNAVAILABLE, null,
                    "no WhatsApp sender is set for this account");
            return new Prepared(request, id, text, Step.RECORD, noSender, TextStatus.FAILED, null);
        }
        if (contact.map(Contact::optedOut).orElse(false)) {
            long id = existing.map(TextMessage::id).orElseGet(() -> insert(request, sendKey, text, TextStatus.OPTED_OUT));
            var optedOut = new SendResult(TextStatus.OPTED_OUT, null, null, "the caller opted out of texts");
            return new Prepared(request, id, text, Step.RECORD, optedOut, TextStatus.OPTED_OUT, null);
        }
        var notSent = policy.noTextBecause(account, request.to());
        if (notSent.isPresent()) {
            long id = existing.map(TextMessage::id)
                    .orElseGet(() -> insert(request, sendKey, text, notSent.get().status()));
            return new Prepared(request, id, text, Step.RECORD, notSent.get(), notSent.get().status(), null);
        }
        long id;
        if (existing.isPresent()) {
            id = existing.get().id();
            messages.record(id, new SendResult(TextStatus.SENDING, null, null, null), Instant.now());
        } else {
            id = insert(request, sendKey, text, TextStatus.SENDING);
        }
        return new Prepared(request, id, text, Step.SEND, null, TextStatus.SENDING, null);
    }

    /**
     * Does what {@link #prepare} found to do: asks the provider to take the text, or whether an
     * earlier attempt's text was taken. Holds no transaction while the provider answers.
     *
     * @throws NotTakenException when the provider certainly did not take it (safe to try again)
     * @throws TextSender.OutcomeUnknownException when it may have; the entry stays "sending"
     */
    public Attempt deliver(Prepared prepared) {
        long id = prepared.entryId();
        var text = prepared.text();
        switch (prepared.step()) {
            case DONE -> {
                return new Attempt(id, null, prepared.status());
            }
            case RECORD -> {
                return new Attempt(id, prepared.result());
            }
            case ASK_FIRST -> {
                // An earlier attempt may have reached the provider: its answer was lost, or the process stopped.
                var taken = sender.findAccepted(text, prepared.since(),
                        messages.providerSidsBetween(text.from(), text.to()));
                if (taken.isPresent()) {
                    log.info("Text {} was taken by an earlier attempt ({}); not sent again", id,
                            taken.get().providerSid());
                    return new Attempt(id, taken.get());
                }
            }
            case SEND -> {
            }
        }
        SendResult result;
        try {
            result = sender.send(text);
        } catch (NotTakenException e) {
            mark(id, TextStatus.RETRYING, e.getMessage());
            throw e;
        }
        if (result.status() == TextStatus.FAILED) {
            Request request = prepared.request();
            log.warn("Twilio refused the text to {}: {} {}", request.to(), result.errorCode(), result.errorMessage());
            if (result.refusal() == Refusal.UNSUBSCRIBED) {
                contacts.setOptedOut(request.account().id(), request.to(), true);
            }
            policy.refused(request.account().id(), request.to(), result.refusal());
            if (text.channel() == Channel.WHATSAPP && request.channel() == Channel.WHATSAPP_THEN_SMS) {
                // WhatsApp refused (mostly the channel is unavailable: outside the 24-hour window, or not on
                // WhatsApp; but whatever the reason): the SMS goes instead.
                ownTransaction.executeWithoutResult(tx -> messages.record(id, result, Instant.now()));
                return deliver(ownTransaction.execute(tx -> prepare(request, Channel.SMS, smsKey(request),
                        request.account().defaultNumber())));
            }
        }
        return new Attempt(id, result);
    }

    /** The send key of the SMS that replaces a refused WhatsApp message. */
    private static String smsKey(Request request) {
        return request.sendKey() + ":sms";
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
                applyEarlierReportsAfterCommit(result.providerSid());
            }
        }
        return messages.findById(attempt.entryId()).orElseThrow();
    }

    /**
     * A delivery report from the provider: the provider's error code as data, and the refusal it means
     * (null when the report names no error). It is kept before it is applied, so that one arriving
     * before its text's send has committed is applied when that commit happens. A number that cannot
     * receive texts is known as such for the next text.
     */
    public void statusReported(String providerSid, TextStatus status, String errorCode, Refusal refusal) {
        ownTransaction.executeWithoutResult(tx -> messages.insertReport(providerSid, status, errorCode, refusal,
                Instant.now()));
        messages.advanceStatus(providerSid, status, errorCode, refusal, Instant.now());
        policy.undelivered(providerSid, refusal);
    }

    /** The text a template gives for one caller, with what the business knows about them. */
    public String render(String template, Account account, String to) {
        return render(template, account, to, contacts.find(account.id(), to));
    }

    private String render(String template, Account account, String to, Optional<Contact> contact) {
        Map<String, String> fields = new HashMap<>();
        fields.put(MessageTemplate.BUSINESS_NAME, account.businessName());
        fields.put(MessageTemplate.BUSINESS_PHONE, account.defaultNumber());
        fields.put(MessageTemplate.CONTACT_PHONE, to);
        accountFields.orderedStream().forEach(extra -> fields.putAll(extra.fields(account)));
        contact.ifPresent(c -> {
            fields.put(MessageTemplate.CONTACT_FIRST_NAME, c.firstName());
            fields.put(MessageTemplate.CONTACT_LAST_NAME, c.lastName());
            fields.put(MessageTemplate.CONTACT_NAME, c.name());
        });
        return MessageTemplate.render(template, fields);
    }

    /**
     * Once the text's provider id is committed, a report that came before it (and was kept, finding no
     * text) is applied. The texts recorded in one transaction (the send worker's batch) are looked up
     * together, in one query after its commit.
     */
    private void applyEarlierReportsAfterCommit(String providerSid) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            applyEarlierReports(List.of(providerSid));
            return;
        }
        TransactionSynchronizationManager.getSynchronizations().stream()
                .filter(ReportsAfterCommit.class::isInstance).map(ReportsAfterCommit.class::cast).findFirst()
                .orElseGet(() -> {
                    var reports = new ReportsAfterCommit();
                    TransactionSynchronizationManager.registerSynchronization(reports);
                    return reports;
                })
                .providerSids.add(providerSid);
    }

    /** The provider ids one transaction recorded, whose earlier reports are applied once it commits. */
    private final class ReportsAfterCommit implements TransactionSynchronization {

        private final List<String> providerSids = new ArrayList<>();

        @Override
        public void afterCommit() {
            applyEarlierReports(providerSids);
        }
    }

    private void applyEarlierReports(List<String> providerSids) {
        for (var earlier : messages.reportsFor(providerSids)) {
            var report = earlier.report();
            messages.advanceStatus(earlier.providerSid(), report.status(), report.errorCode(), report.refusal(),
                    Instant.now());
        }
    }

    private long insert(Request request, String sendKey, OutgoingText text, TextStatus status) {
        var entry = new TextMessageLog.NewEntry(sendKey, request.account().id(), request.callSid(),
                request.processInstanceId(), text.to(), text.from(), text.body(), SmsSegments.of(text.body()).segments(),
                status, text.channel());
        return messages.insert(entry, Instant.now());
    }

    private void mark(long id, TextStatus status, String reason) {
        ownTransaction.executeWithoutResult(tx -> messages.record(id, new SendResult(status, null, null, reason),
                Instant.now()));
    }
}
