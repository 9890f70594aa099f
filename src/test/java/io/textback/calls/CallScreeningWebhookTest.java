package io.textback.calls;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.support.AppClient;
import io.textback.support.AppWithTwilioStandInTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * "Confirm answered calls" over signed webhooks, as Twilio calls them: the team member's phone
 * hears "Press 1 to take this call"; 1 connects, anything else (a phone's own voicemail presses
 * nothing) leaves the caller missed and texted. Same app as {@link TwilioMissedCallEndToEndTest}.
 */
@AppWithTwilioStandInTest
class CallScreeningWebhookTest {

    static final String PUBLIC_URL = TwilioMissedCallEndToEndTest.PUBLIC_URL;

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    HistoryService history;

    AppClient app;
    Account account;
    String caller;
    String callSid;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Silva Locksmiths");
        caller = Fixtures.newCaller();
        callSid = Fixtures.newCallSid();
        var on = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/call-screening",
                "{\"confirmAnsweredCalls\":true}");
        assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    }

    @Test
    void teamMemberWhoPressesOneTakesTheCallAndTheCallerGetsNoText() {
        String whisperUrl = ringsTheTeamWithTheWhisper();
        String resultPath = whisperAsksForOne(whisperUrl);

        var pressed = app.twilio(resultPath, leg(Map.of("Digits", "1")), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).doesNotContain("<Hangup");

        var ended = dialComplete("completed");
        assertThat(ended).contains("<Hangup").doesNotContain("<Record");
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(callSid).count()).isZero();
        assertThat(app.getAsAdmin("/api/messages").body()).doesNotContain(caller);
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void voicemailThatPicksUpPressesNothingSoTheCallIsMissedAndTexted() {
        String whisperUrl = ringsTheTeamWithTheWhisper();
        whisperAsksForOne(whisperUrl);

        // Twilio reports the dialled leg as answered: the phone's voicemail picked up, heard the whisper, pressed nothing.
        var ended = dialComplete("completed");

        assertThat(ended).contains("<Record");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(textsSentTo(caller)).singleElement()
                .satisfies(request -> assertThat(request.formParameters().get("Body").firstValue())
                        .startsWith("Hi there, sorry we missed your call at Silva Locksmiths.")));
    }

    @Test
    void anyOtherKeyHangsUpThatPhoneAndTheCallStaysMissed() {
        String resultPath = whisperAsksForOne(ringsTheTeamWithTheWhisper());

        var pressed = app.twilio(resultPath, leg(Map.of("Digits", "9")), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);

        assertThat(pressed.body()).contains("<Hangup");
        assertThat(dialComplete("no-answer")).contains("<Record");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(textsSentTo(caller)).hasSize(1));
    }

    @Test
    void unsignedWhisperRequestIsRefused() {
        var forged = app.twilioUnsigned("/twilio/voice/screen-result?call=" + callSid, leg(Map.of("Digits", "1")), null);

        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void withTheSettingOffTheTeamIsRungWithoutAWhisper() {
        app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/call-screening", "{\"confirmAnsweredCalls\":false}");

        var ringing = app.twilio("/twilio/voice/incoming", call(Map.of()), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);

        assertThat(ringing.body()).contains("<Number>+12125550111</Number>").doesNotContain("url=");
        assertThat(dialComplete("completed")).contains("<Hangup").doesNotContain("<Record");
        assertThat(app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/call-screening", "{}").statusCode())
                .isEqualTo(400);
    }

    private String ringsTheTeamWithTheWhisper() {
        var ringing = app.twilio("/twilio/voice/incoming", call(Map.of()), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(ringing.statusCode()).isEqualTo(200);
        String whisperUrl = PUBLIC_URL + "/twilio/voice/screen?call=" + callSid;
        assertThat(ringing.body()).contains("<Dial", "<Number url=\"" + whisperUrl + "\">+12125550111</Number>");
        return whisperUrl.substring(PUBLIC_URL.length());
    }

    /** The whisper's TwiML; returns the path its Gather posts the pressed key to. */
    private String whisperAsksForOne(String whisperPath) {
        var whisper = app.twilio(whisperPath, leg(Map.of()), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(whisper.statusCode()).isEqualTo(200);
        String resultPath = "/twilio/voice/screen-result?call=" + callSid;
        assertThat(whisper.body()).contains("<Gather action=\"" + PUBLIC_URL + resultPath + "\"", "numDigits=\"1\"",
                "<Say>Press 1 to take this call.</Say>", "</Gather><Hangup/>");
        return resultPath;
    }

    private String dialComplete(String status) {
        var response = app.twilio("/twilio/voice/dial-complete", call(Map.of("DialCallStatus", status)),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private Map<String, String> call(Map<String, String> more) {
        var params = new java.util.HashMap<>(Map.of("CallSid", callSid, "From", caller, "To", account.defaultNumber()));
        params.putAll(more);
        return params;
    }

    /** What Twilio posts about the dialled leg to the team member's phone. */
    private Map<String, String> leg(Map<String, String> more) {
        var params = new java.util.HashMap<>(Map.of("CallSid", "CA" + callSid.substring(2, 20) + "leg0000000000",
                "ParentCallSid", callSid, "From", account.defaultNumber(), "To", "+12125550111"));
        params.putAll(more);
        return params;
    }
}
