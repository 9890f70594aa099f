package io.textback.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.recipes.MissedCallTextBack;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.Calls;
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Landlines get no text: Twilio Lookup v2 (through the real SDK, answered by the stand-in with Twilio's
 * documented response shape) tells the line type once per contact, and Twilio's 21614 marks one too.
 */
@EngineTest
class LandlineTest {

    @Autowired
    AccountService accounts;
    @Autowired
    AccountRepository accountRepository;

    @Autowired
    AppClient app;
    @Autowired
    Calls calls;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
    }

    @ParameterizedTest
    @ValueSource(strings = {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY})
    void landlineGetsNoTextAndIsLookedUpOnceWhileAMobileIsTexted(String recipe) {
        Account account = account(recipe, true);
        String landline = Fixtures.newCaller();
        String mobile = Fixtures.newCaller();
        lineType(landline, "landline");
        lineType(mobile, "mobile");

        String first = calls.missed(landline, account.defaultNumber());
        calls.runRecipe(account.id(), first);
        String toMobile = calls.missed(mobile, account.defaultNumber());
        calls.runRecipe(account.id(), toMobile);

        assertThat(calls.outcome(account.id(), first)).isEqualTo("landline");
        assertThat(calls.get(account.id(), first).get("outcomeDetail").asText()).isEqualTo(landline + " is a landline");
        assertThat(textsSentTo(landline)).isEmpty();
        assertThat(calls.outcome(account.id(), toMobile)).isEqualTo("texted");
        assertThat(textsSentTo(mobile)).hasSize(1);
        assertThat(lookups(landline)).singleElement().satisfies(request ->
                assertThat(request.queryParameter("Fields").firstValue()).isEqualTo("line_type_intelligence"));

        String again = calls.missed(landline, account.defaultNumber());
        calls.runRecipe(account.id(), again);

        assertThat(calls.outcome(account.id(), again)).isIn("landline", "repeat-call");
        assertThat(textsSentTo(landline)).isEmpty();
        assertThat(lookups(landline)).as("the contact's line type is kept").hasSize(1);
    }

    @Test
    void withoutTheCheckNothingIsLookedUp() {
        Account account = account(MissedCallTextBack.KEY, false);
        String caller = Fixtures.newCaller();
        lineType(caller, "landline");

        String callSid = calls.missed(caller, account.defaultNumber());
        calls.runRecipe(account.id(), callSid);

        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("texted");
        assertThat(lookups(caller)).isEmpty();
    }

    @Test
    void twilioSayingTheNumberCannotReceiveTextsMarksItALandlineForTheNextCall() {
        Account account = account(MissedCallTextBack.KEY, false);
        String caller = Fixtures.newCaller();
        TwilioStandIn.answerTextsTo(caller, TwilioStandIn.twilioError(400, 21614,
                "'To' number is not a valid mobile number"));

        String first = calls.missed(caller, account.defaultNumber());
        calls.runRecipe(account.id(), first);
        String second = calls.missed(caller, account.defaultNumber());
        calls.runRecipe(account.id(), second);

        assertThat(calls.outcome(account.id(), first)).isEqualTo("landline");
        assertThat(calls.get(account.id(), first).get("outcomeDetail").asText()).startsWith("21614 ");
        assertThat(calls.outcome(account.id(), second)).isEqualTo("landline");
        assertThat(textsSentTo(caller)).as("the second call sends nothing to Twilio").hasSize(1);
        assertThat(lookups(caller)).isEmpty();
    }

    @Test
    void aDeliveryReportOfError30006MarksTheNumberALandlineForTheNextCall() {
        Account account = account(MissedCallTextBack.KEY, false);
        String caller = Fixtures.newCaller();
        String first = calls.missed(caller, account.defaultNumber());
        calls.runRecipe(account.id(), first);
        String messageSid = (String) app.messagesTo(caller).get(0).get("providerSid");

        var report = app.twilio("/twilio/messaging/status", java.util.Map.of("MessageSid", messageSid,
                "MessageStatus", "undelivered", "ErrorCode", "30006"), TwilioStandIn.AUTH_TOKEN, Calls.PUBLIC_URL);
        assertThat(report.statusCode()).isEqualTo(204);
        String second = calls.missed(caller, account.defaultNumber());
        calls.runRecipe(account.id(), second);

        assertThat(calls.get(account.id(), first).get("textStatus").asText()).isEqualTo("undelivered");
        assertThat(calls.outcome(account.id(), second)).isEqualTo("landline");
        assertThat(textsSentTo(caller)).hasSize(1);
    }

    @Test
    void aLookupTwilioCannotAnswerDoesNotStopTheText() {
        Account account = account(MissedCallTextBack.KEY, true);
        String caller = Fixtures.newCaller();
        TwilioStandIn.server().stubFor(get(urlPathMatching(lookupPath(caller))).willReturn(
                TwilioStandIn.twilioError(503, 20503, "Service unavailable")));

        String callSid = calls.missed(caller, account.defaultNumber());
        calls.runRecipe(account.id(), callSid);

        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("texted");
    }

    /** Lookup v2's documented response (fetchLineTypeIntelligence in Twilio's OpenAPI description). */
    private static void lineType(String number, String type) {
        TwilioStandIn.server().stubFor(get(urlPathMatching(lookupPath(number))).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"calling_country_code": "1", "country_code": "US", "phone_number": "%s",
                         "national_format": "(415) 555-0100", "valid": true, "validation_errors": null,
                         "caller_name": null, "sim_swap": null, "call_forwarding": null, "line_status": null,
                         "line_type_intelligence": {"error_code": null, "mobile_country_code": "310",
                           "mobile_network_code": "456", "carrier_name": "Example Carrier", "type": "%s"},
                         "identity_match": null, "reassigned_number": null, "sms_pumping_risk": null,
                         "phone_number_quality_score": null, "pre_fill": null,
                         "url": "https://lookups.twilio.com/v2/PhoneNumbers/%s"}
                        """.formatted(number, type, number))));
    }

    private static List<LoggedRequest> lookups(String number) {
        return TwilioStandIn.server().findAll(getRequestedFor(urlPathMatching(lookupPath(number))));
    }

    private static String lookupPath(String number) {
        return "/v2/PhoneNumbers/(%2B|\\+)" + number.substring(1);
    }

    private Account account(String recipe, boolean lineTypeCheck) {
        Account account = Fixtures.withSettings(accountRepository, Fixtures.newAccount(accounts, "Tanaka Tiles"),
                new TextBackSettings(true, TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS,
                        recipe));
        var saved = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/sending-rules",
                "{\"monthlyLimit\":null,\"lineTypeCheck\":" + lineTypeCheck + ",\"quietHours\":false}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        return account;
    }
}
