package io.textback.twilio;

import io.textback.calls.CallLog;
import io.textback.calls.CallScreening;
import io.textback.calls.MissedCallService;
import java.time.Instant;
import java.util.Optional;

import com.twilio.twiml.TwiML;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.system.PublicUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio Voice webhooks (signatures are checked before these run). An incoming call rings the
 * team; when nobody answers, the account's recipe starts and the caller reaches voicemail.
 */
@RestController
@RequestMapping(path = "/twilio/voice", produces = MediaType.APPLICATION_XML_VALUE)
class TwilioVoiceWebhook {

    private static final Logger log = LoggerFactory.getLogger(TwilioVoiceWebhook.class);
    static final int SCREEN_TIMEOUT_SECONDS = 5;

    private final AccountRepository accounts;
    private final MissedCallService missedCalls;
    private final VoicemailGreeting greeting;
    private final CallLog calls;
    private final PublicUrls urls;
    private final CallScreening screening;

    TwilioVoiceWebhook(AccountRepository accounts, MissedCallService missedCalls, VoicemailGreeting greeting,
                       CallLog calls, PublicUrls urls, CallScreening screening) {
        this.screening = screening;
        this.accounts = accounts;
        this.missedCalls = missedCalls;
        this.greeting = greeting;
        this.calls = calls;
        this.urls = urls;
    }

    @PostMapping("/incoming")
    ResponseEntity<String> incoming(@RequestParam("CallSid") String callSid, @RequestParam("From") String from,
                                    @RequestParam("To") String to) {
        Optional<Account> found = accounts.findByNumber(to);
        if (found.isEmpty()) {
            return notInService(to, callSid);
        }
        Account account = found.get();
        if (account.forwardingNumbers().isEmpty()) {
            // Nobody to ring: the call is missed at once.
            return missed(account, callSid, from, to, "no-answer");
        }
        missedCalls.ringing(account, callSid, from, to);
        var dial = new Dial.Builder()
                .timeout(account.settings().callTimeoutSeconds())
                .answerOnBridge(true)
                .action(urls.absolute("/twilio/voice/dial-complete"));
        boolean screened = screening.enabled(account.id());
        if (screened) {
            screening.screened(callSid);
        }
        account.forwardingNumbers().forEach(n -> dial.number(screened
                ? new Number.Builder(n).url(urls.absolute("/twilio/voice/screen?call=" + callSid)).build()
                : new Number.Builder(n).build()));
        return twiml(new VoiceResponse.Builder().dial(dial.build()).build());
    }

    @PostMapping("/dial-complete")
    ResponseEntity<String> dialComplete(@RequestParam("CallSid") String callSid, @RequestParam("From") String from,
                                        @RequestParam("To") String to,
                                        @RequestParam("DialCallStatus") String dialCallStatus) {
        Optional<Account> found = accounts.findByNumber(to);
        if (found.isEmpty()) {
            return notInService(to, callSid);
        }
        if (MissedCallService.MISSED_STATUSES.contains(dialCallStatus)) {
            return missed(found.get(), callSid, from, to, dialCallStatus);
        }
        if (screening.unconfirmed(callSid)) {
            // A phone's own voicemail or a pocket answer: nobody pressed 1, so the caller was not reached.
            return missed(found.get(), callSid, from, to, "no-answer");
        }
        missedCalls.callEnded(new MissedCallService.CallEnded(found.get(), callSid, from, to, dialCallStatus,
                Instant.now()));
        return twiml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build());
    }

    /**
     * "Confirm answered calls": the team member who picks up hears this whisper before the caller is
     * connected. Pressing 1 takes the call; no key hangs up this leg, so the call counts as missed.
     */
    @PostMapping("/screen")
    ResponseEntity<String> screen(@RequestParam("call") String callSid) {
        var whisper = new Gather.Builder()
                .numDigits(1)
                .timeout(SCREEN_TIMEOUT_SECONDS)
                .action(urls.absolute("/twilio/voice/screen-result?call=" + callSid))
                .say(new Say.Builder("Press 1 to take this call.").build())
                .build();
        return twiml(new VoiceResponse.Builder().gather(whisper).hangup(new Hangup.Builder().build()).build());
    }

    /** The key the team member pressed: 1 connects the caller (an empty answer bridges the call). */
    @PostMapping("/screen-result")
    ResponseEntity<String> screenResult(@RequestParam("call") String callSid,
                                        @RequestParam(name = "Digits", defaultValue = "") String digits) {
        if ("1".equals(digits.trim())) {
            screening.confirm(callSid);
            return twiml(new VoiceResponse.Builder().build());
        }
        return twiml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build());
    }

    /**
     * Status callback of calls the business places through Twilio: once the customer answers,
     * recipes waiting to text them learn they were reached.
     */
    @PostMapping("/status")
    ResponseEntity<Void> status(@RequestParam("CallSid") String callSid, @RequestParam("From") String from,
                                @RequestParam("To") String to, @RequestParam("CallStatus") String callStatus,
                                @RequestParam(name = "Direction", defaultValue = "") String direction,
                                @RequestParam(name = "CallDuration", defaultValue = "0") String callDuration) {
        boolean answered = "in-progress".equals(callStatus)
                || ("completed".equals(callStatus) && !"0".equals(callDuration));
        if (direction.startsWith("outbound") && answered) {
            accounts.findByNumber(from).ifPresent(account ->
                    missedCalls.outboundCallAnswered(account, callSid, from, to));
        }
        return ResponseEntity.noContent().build();
    }

    /** Twilio posts here when the caller's voicemail is recorded. */
    @PostMapping("/recording")
    ResponseEntity<String> recording(@RequestParam("CallSid") String callSid,
                                     @RequestParam(name = "RecordingUrl", required = false) String recordingUrl) {
        if (recordingUrl != null) {
            calls.recording(callSid, recordingUrl);
        }
        return twiml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build());
    }

    private ResponseEntity<String> missed(Account account, String callSid, String from, String to, String status) {
        missedCalls.callEnded(new MissedCallService.CallEnded(account, callSid, from, to, status, Instant.now()));
        var voicemail = new VoiceResponse.Builder();
        greeting.addTo(voicemail, account);
        voicemail.record(new Record.Builder()
                        .action(urls.absolute("/twilio/voice/recording"))
                        .maxLength(120)
                        .playBeep(true)
                        .build())
                .hangup(new Hangup.Builder().build());
        return twiml(voicemail.build());
    }

    private ResponseEntity<String> notInService(String to, String callSid) {
        log.warn("Call {} to {}: no account owns this number", callSid, to);
        return twiml(new VoiceResponse.Builder()
                .say(new Say.Builder("Sorry, this number is not in service.").build())
                .hangup(new Hangup.Builder().build())
                .build());
    }

    private static ResponseEntity<String> twiml(TwiML response) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(TwimlXml.of(response));
    }
}
