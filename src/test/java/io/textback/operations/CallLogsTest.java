package io.textback.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.calls.CallLog;
import io.textback.support.AppClient;
import io.textback.support.AppWithTwilioStandInTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator searching the logs for one CallSid finds the whole call: the webhook's lines and the
 * send worker's Twilio request, each naming the call, its account and its recipe instance.
 */
@ExtendWith(OutputCaptureExtension.class)
@AppWithTwilioStandInTest
class CallLogsTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    CallLog calls;

    @Test
    void everyLineOfAMissedCallCarriesItsCallSidAccountAndProcessInstance(CapturedOutput output) {
        TwilioStandIn.acceptTexts();
        var app = new AppClient(port);
        Account account = Fixtures.newAccount(accounts, "Logging Roofers");
        String caller = Fixtures.newCaller();
        String callSid = Fixtures.newCallSid();

        var missed = app.twilio("/twilio/voice/dial-complete", Map.of("CallSid", callSid, "From", caller,
                "To", account.defaultNumber(), "DialCallStatus", "no-answer"), TwilioStandIn.AUTH_TOKEN,
                MetricsTest.PUBLIC_URL);
        assertThat(missed.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> TwilioStandIn.textsSentTo(caller).size() == 1);
        String instance = calls.find(callSid).orElseThrow().processInstanceId();
        String ids = "[call=" + callSid + " account=" + account.id() + " process=" + instance + "]";

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<String> callLines = Arrays.stream(output.getAll().split("\n"))
                    .filter(line -> line.contains(callSid) || line.contains(caller) || line.contains(instance))
                    .toList();
            assertThat(callLines).as("the webhook's line").anySatisfy(line -> assertThat(line)
                    .contains("Missed call from " + caller).contains("-exec-"));
            assertThat(callLines).as("the send worker's request to Twilio").anySatisfy(line -> assertThat(line)
                    .contains("Twilio POST Messages answered").contains("send-text-"));
            assertThat(callLines).allSatisfy(line -> assertThat(line).contains(ids));
        });
    }
}
