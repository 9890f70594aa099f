package io.textback.messaging;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.contacts.ContactRepository;
import io.textback.messaging.TextSender.OutgoingText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one text and keeps the message log true to what happened, whatever the transaction around
 * it does. Each attempt carries a send key (for a recipe, its job): the entry is committed as
 * "sending" before the provider is asked, so a retried attempt whose text already reached the
 * provider sends nothing again, and one that failed before is sent again.
 */
@Service
public class TextingService {

    private static final Logger log = LoggerFactory.getLogger(TextingService.class);

    private final TextSender sender;
    private final TextMessageLog messages;
    private final ContactRepository contacts;
    private final SendingPolicy policy;
    private final TransactionTemplate ownTransaction;

    TextingService(TextSender sender, TextMessageLog messages, ContactRepository contacts, SendingPolicy policy,
                   PlatformTransactionManager transactionManager) {
        this.sender = sender;
        this.policy = policy;
        this.messages = messages;
        this.contacts = contacts;
        // Log writes commit on their own: a rollback of the recipe's transaction must not forget a sent text.
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Request(String sendKey, Account account, String to, String template, String callSid,
                          String processInstanceId) {
    }

    /** Sends the rendered text from the account's default number, or returns what an earlier attempt did. */
    public TextMessage send(Request request) {
        Account account = request.account();
        String body = render(request.template(), account, request.to());
        var text = new OutgoingText(account.defaultNumber(), request.to(), body);
        var existing = messages.findBySendKey(request.sendKey());
        if (existing.isPresent() && TextStatus.fromLabel(existing.get().status()).settled()) {
            return existing.get();
        }
        if (existing.isPresent() && TextStatus.fromLabel(existing.get().status()) == TextStatus.SENDING) {
            // The earlier attempt asked the provider and its answer was lost: ask whether it was taken.
            var sid = sender.findAccepted(text, existing.get().createdAt().minusSeconds(60));
            if (sid.isPresent()) {
                return record(existing.get().id(), SendResult.accepted(TextStatus.QUEUED, sid.get()));
            }
        }
        if (contacts.isOptedOut(account.id(), request.to())) {
            long id = existing.map(TextMessage::id).orElseGet(() -> reserve(request, text, TextStatus.OPTED_OUT));
            return record(id, new SendResult(TextStatus.OPTED_OUT, null, null, "the caller opted out of texts"));
        }
        var notSent = policy.noTextBecause(account, request.to());
        if (notSent.isPresent()) {
            long id = existing.map(TextMessage::id).orElseGet(() -> reserve(request, text, notSent.get().status()));
            return record(id, notSent.get());
        }
        // Committed before the provider is asked, so that a lost answer is never mistaken for "not sent".
        long id = existing.map(TextMessage::id).orElseGet(() -> reserve(request, text, TextStatus.SENDING));
        if (existing.isPresent()) {
            mark(id, TextStatus.SENDING, null);
        }
        SendResult result;
        try {
            result = sender.send(text);
        } catch (TextSender.TransientSendException e) {
            mark(id, TextStatus.RETRYING, e.getMessage());
            throw e;
        }
        if (result.status() == TextStatus.FAILED) {
            log.warn("Twilio refused the text to {}: {} {}", request.to(), result.errorCode(), result.errorMessage());
            if ("21610".equals(result.errorCode())) {
                contacts.setOptedOut(account.id(), request.to(), true);
            }
            policy.refused(account.id(), request.to(), result.errorCode());
        }
        return record(id, result);
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

    /**
     * The outcome joins the caller's transaction (the recipe's job): if that rolls back, the entry
     * is back to "sending" and the retry asks the provider before sending anything again.
     */
    private TextMessage record(long id, SendResult result) {
        messages.record(id, result, Instant.now());
        return messages.findById(id).orElseThrow();
    }
}
