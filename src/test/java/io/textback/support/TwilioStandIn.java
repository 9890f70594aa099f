package io.textback.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Twilio's REST API as the SDK sees it, served by WireMock on this machine: it accepts texts with
 * Twilio's response shape, and a test can make it fail the way Twilio fails.
 */
public final class TwilioStandIn {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000042";
    public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    /** The SDK's timeout in tests: a stand-in slower than this loses its answer. */
    public static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(3);

    private static final TwilioMessages MESSAGES = new TwilioMessages();
    private static WireMockServer server;

    private TwilioStandIn() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            // Enough threads, and delays that hold none, for a benchmark's hundreds of texts in flight.
            server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                    .containerThreads(64).asynchronousResponseEnabled(true).asynchronousResponseThreads(16)
                    .extensions(MESSAGES));
            server.start();
            acceptTexts();
        }
        return server;
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
        server().resetAll();
        MESSAGES.clear();
        server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(created()));
        server().stubFor(get(urlPathEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(
                aResponse().withTransformers(TwilioMessages.NAME)));
    }

    /** Twilio as fast as Twilio: every text is taken and answered after this latency. */
    public static void acceptTextsAfter(java.time.Duration latency) {
        acceptTexts();
        server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(5)
                .willReturn(created().withFixedDelay((int) latency.toMillis())));
    }

    /**
     * Texts to this number get these answers in turn, the last one from then on. {@link #created()}
     * takes the text; it can be combined with a delay or a fault (the text is taken, the answer lost).
     */
    public static void answerTextsInTurn(String to, ResponseDefinitionBuilder... answers) {
        String scenario = "texts to " + to;
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            var stub = textsTo(to).atPriority(1).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(answers[i]);
            if (i + 1 < answers.length) {
                stub = stub.willSetStateTo("answer " + (i + 1));
            }
            server().stubFor(stub);
        }
    }

    /** The texts to this number that the stand-in took, whatever became of its answers. */
    public static List<String> textsTakenFor(String to) {
        return MESSAGES.takenTo(to).stream().map(m -> m.sid()).toList();
    }

    /** Texts to this number get the given response instead. */
    public static void answerTextsTo(String to, ResponseDefinitionBuilder response) {
        server().stubFor(textsTo(to).atPriority(1).willReturn(response));
    }

    public static MappingBuilder textsTo(String to) {
        return post(urlPathEqualTo(MESSAGES_PATH)).withRequestBody(containing("To=" + encode(to)));
    }

    /** A Twilio error response: HTTP status, Twilio's error code and message. */
    public static ResponseDefinitionBuilder twilioError(int httpStatus, int code, String message) {
        return aResponse().withStatus(httpStatus).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"" + message + "\",\"more_info\":"
                        + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + httpStatus + "}");
    }

    /** The requests the SDK made to send a text to this number. */
    public static List<LoggedRequest> textsSentTo(String to) {
        return server().findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("To=" + encode(to))));
    }

    /** Twilio's answer when it takes a text: 201 with the message, which the Messages list then shows. */
    public static ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withTransformers(TwilioMessages.NAME);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
