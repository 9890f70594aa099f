package io.textback.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Twilio's REST API as the SDK sees it, served by WireMock on this machine: it accepts texts with
 * Twilio's response shape, and a test can make it fail the way Twilio fails. One stand-in is shared
 * by the tests inside the test JVM, which run one at a time; tests of app processes, which run beside
 * them, start a {@link TwilioStandInServer} of their own.
 */
public final class TwilioStandIn {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000042";
    public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    /** The SDK's timeout in tests: a stand-in slower than this loses its answer. */
    public static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(3);

    private static TwilioStandInServer shared;
    private static TwilioStandInServer scaledTimeApp;

    private TwilioStandIn() {
    }

    static synchronized TwilioStandInServer shared() {
        if (shared == null) {
            shared = TwilioStandInServer.start();
        }
        return shared;
    }

    public static WireMockServer server() {
        return shared().server();
    }

    /**
     * The stand-in of the app whose recipe time is scaled ({@link ScaledTimeAppTest}). Its tests run beside
     * those of the shared one, so it is a server of its own that no test resets: each test answers the
     * texts to its own caller ({@link TwilioStandInServer#answerTextsInTurn}) and reads only those.
     */
    public static synchronized TwilioStandInServer ofScaledTimeApp() {
        if (scaledTimeApp == null) {
            scaledTimeApp = TwilioStandInServer.start();
        }
        return scaledTimeApp;
    }

    /** Points the app's Twilio settings at the stand-in. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("textback.twilio.account-sid", () -> ACCOUNT_SID);
        registry.add("textback.twilio.auth-token", () -> AUTH_TOKEN);
        registry.add("textback.twilio.api-base-url", () -> server().baseUrl());
        registry.add("textback.twilio.timeout", () -> TIMEOUT.toMillis() + "ms");
    }

    /** Back to a Twilio that takes every text and remembers none. */
    public static void acceptTexts() {
        shared().acceptTexts();
    }

    /** Twilio as fast as Twilio: every text is taken and answered after this latency. */
    public static void acceptTextsAfter(java.time.Duration latency) {
        shared().acceptTextsAfter(latency);
    }

    /**
     * Texts to this number get these answers in turn, the last one from then on. {@link #created()}
     * takes the text; it can be combined with a delay or a fault (the text is taken, the answer lost).
     */
    public static void answerTextsInTurn(String to, ResponseDefinitionBuilder... answers) {
        shared().answerTextsInTurn(to, answers);
    }

    /** The texts to this number that the stand-in took, whatever became of its answers. */
    public static List<String> textsTakenFor(String to) {
        return shared().textsTakenFor(to);
    }

    /** Texts to this number get the given response instead. */
    public static void answerTextsTo(String to, ResponseDefinitionBuilder response) {
        shared().answerTextsTo(to, response);
    }

    public static MappingBuilder textsTo(String to) {
        return TwilioStandInServer.textsTo(to);
    }

    /** A Twilio error response: HTTP status, Twilio's error code and message. */
    public static ResponseDefinitionBuilder twilioError(int httpStatus, int code, String message) {
        return aResponse().withStatus(httpStatus).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":"
                        + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + httpStatus + "}");
    }

    /** The requests the SDK made to send a text to this number. */
    public static List<LoggedRequest> textsSentTo(String to) {
        return shared().textsSentTo(to);
    }

    /** Twilio's answer when it takes a text: 201 with the message, which the Messages list then shows. */
    public static ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withTransformers(TwilioMessages.NAME);
    }
}
