package io.textback.twilio;

import io.textback.messaging.InboundTextLog;
import io.textback.messaging.TextingService;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import com.twilio.twiml.MessagingResponse;
import io.textback.accounts.AccountRepository;
import io.textback.recipes.InboundTexts;
import io.textback.contacts.ContactRepository;
import io.textback.recipes.RecipeMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Twilio Messaging webhooks: delivery reports for our texts, and texts callers send us. */
@RestController
@RequestMapping("/twilio/messaging")
class TwilioMessagingWebhook {

    private static final Logger log = LoggerFactory.getLogger(TwilioMessagingWebhook.class);
    // Twilio's default opt-out and opt-in keywords; Twilio itself answers them and blocks further texts.
    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPTOUT");
    private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES");

    private final TextingService texting;
    private final AccountRepository accounts;
    private final ContactRepository contacts;
    private final RecipeMessages recipes;
    private final InboundTexts inboundTexts;
    private final InboundTextLog inbound;

    TwilioMessagingWebhook(TextingService texting, AccountRepository accounts, ContactRepository contacts,
                           RecipeMessages recipes, InboundTexts inboundTexts, InboundTextLog inbound) {
        this.texting = texting;
        this.inboundTexts = inboundTexts;
        this.inbound = inbound;
        this.accounts = accounts;
        this.contacts = contacts;
        this.recipes = recipes;
    }

    @PostMapping("/status")
    ResponseEntity<Void> status(@RequestParam("MessageSid") String messageSid,
                                @RequestParam("MessageStatus") String messageStatus,
                                @RequestParam(name = "ErrorCode", required = false) String errorCode) {
        String code = errorCode == null || errorCode.isBlank() ? null : errorCode;
        texting.statusReported(messageSid, TwilioStatuses.status(messageStatus), code, TwilioStatuses.refusal(code));
        return ResponseEntity.noContent().build();
    }

    /** A text from a caller: STOP and START change whether we may text them; any text ends a waiting recipe and may start the auto-reply. */
    @PostMapping(path = "/incoming", produces = MediaType.APPLICATION_XML_VALUE)
    @Transactional
    public ResponseEntity<String> incoming(@RequestParam("From") String from, @RequestParam("To") String to,
                                           @RequestParam(name = "Body", defaultValue = "") String body) {
        var account = accounts.findByNumber(to);
        if (account.isEmpty()) {
            log.warn("Text from {} to {}: no account owns this number", from, to);
        } else {
            inbound.record(account.get().id(), from, to, body, Instant.now());
            String keyword = body.trim().toUpperCase(Locale.ROOT);
            if (OPT_OUT.contains(keyword)) {
                contacts.setOptedOut(account.get().id(), from, true);
            } else if (OPT_IN.contains(keyword)) {
                contacts.setOptedOut(account.get().id(), from, false);
            }
            recipes.textReceived(account.get().id(), from);
            inboundTexts.received(account.get(), from, to, body);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .body(TwimlXml.of(new MessagingResponse.Builder().build()));
    }
}
