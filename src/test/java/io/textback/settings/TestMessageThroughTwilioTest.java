package io.textback.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.support.AppClient;
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test message sent through the real SDK to a Twilio stand-in: the person sees what Twilio said. */
@EngineTest
class TestMessageThroughTwilioTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    ObjectMapper json;

    AppClient app;
    Account account;
    String to;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Kowalski Clinic");
        to = Fixtures.newCaller();
    }

    @Test
    void acceptedTestMessageIsQueuedAtTwilioFromTheAccountsNumber() throws Exception {
        JsonNode outcome = send();

        assertThat(outcome.get("status").asText()).isEqualTo("queued");
        assertThat(outcome.get("from").asText()).isEqualTo(account.defaultNumber());
        assertThat(TwilioStandIn.textsSentTo(to)).singleElement().satisfies(request -> assertThat(
                request.formParameters().get("Body").firstValue())
                .isEqualTo("Hi there, sorry we missed your call at Kowalski Clinic. "
                        + "How can we help? Reply here and we'll get back to you."));
    }

    @Test
    void refusedTestMessageShowsTwiliosErrorCodeAndReason() throws Exception {
        TwilioStandIn.answerTextsTo(to, TwilioStandIn.twilioError(400, 21614,
                "'To' number is not a valid mobile number"));

        JsonNode outcome = send();

        assertThat(outcome.get("status").asText()).isEqualTo("failed");
        assertThat(outcome.get("errorCode").asText()).isEqualTo("21614");
        assertThat(outcome.get("errorMessage").asText()).isEqualTo("'To' number is not a valid mobile number");
    }

    @Test
    void twilioOutageIsReportedAsABadGatewayWithTheReason() throws Exception {
        TwilioStandIn.answerTextsTo(to, TwilioStandIn.twilioError(503, 20003, "Service unavailable"));

        var response = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/test-messages",
                json.writeValueAsString(Map.of("to", to)));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json.readTree(response.body()).get("detail").asText())
                .contains("Twilio could not take the text", "HTTP 503", "20003");
    }

    private JsonNode send() throws Exception {
        var response = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/test-messages",
                json.writeValueAsString(Map.of("to", to)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
