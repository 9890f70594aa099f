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

/**
 * One Twilio stand-in: a WireMock server on this machine that takes texts with Twilio's response
 * shape and remembers them. The tests inside the test JVM share one ({@link TwilioStandIn}), except
 * those of the scaled-time app, which has its own ({@link TwilioStandIn#ofScaledTimeApp()}); a test whose
 * apps run as processes beside them starts its own, so that none resets another's.
 */
public final class TwilioStandInServer implements AutoCloseable {

    private final TwilioMessages messages = new TwilioMessages();
    private final WireMockServer server;

    private TwilioStandInServer() {
        // Enough threads, and delays that hold none, for a benchmark's hundreds of texts in flight.
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(64).asynchronousResponseEnabled(true).asynchronousResponseThreads(16)
                .extensions(messages));
        server.start();
        acceptTexts();
    }

    public static TwilioStandInServer start() {
        return new TwilioStandInServer();
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Back to a Twilio that takes every text and remembers none. */
    public void acceptTexts() {
        server.resetAll();
        messages.clear();
        server.stubFor(post(urlPathEqualTo(TwilioStandIn.MESSAGES_PATH)).atPriority(10)
                .willReturn(TwilioStandIn.created()));
        server.stubFor(get(urlPathEqualTo(TwilioStandIn.MESSAGES_PATH)).atPriority(10).willReturn(
                aResponse().withTransformers(TwilioMessages.NAME)));
    }

    /** Twilio as fast as Twilio: every text is taken and answered after this latency. */
    public void acceptTextsAfter(java.time.Duration latency) {
        acceptTexts();
        server.stubFor(post(urlPathEqualTo(TwilioStandIn.MESSAGES_PATH)).atPriority(5)
                .willReturn(TwilioStandIn.created().withFixedDelay((int) latency.toMillis())));
    }

    /**
     * Texts from this number go to a Twilio account that allows this many requests at once: they are
     * taken and answered after this latency while fewer are being answered, and refused with 429
     * (error 20429) past it. {@link #acceptTexts()} lifts the limit.
     */
    public void acceptTextsFromWithAccountLimit(String from, java.time.Duration latency, int requestsAtOnce) {
        server.stubFor(post(urlPathEqualTo(TwilioStandIn.MESSAGES_PATH))
                .withRequestBody(containing("From=" + encode(from))).atPriority(2)
                .willReturn(TwilioStandIn.created().withFixedDelay((int) latency.toMillis())));
        messages.limitRequestsAtOnce(from, requestsAtOnce);
    }

    /** Lifts the account limit of {@link #acceptTextsFromWithAccountLimit}. */
    public void liftAccountLimit() {
        messages.limitRequestsAtOnce(null, 0);
    }

    /** How many texts the account's limit refused with 429. */
    public int refusedAsTooMany() {
        return messages.refusedAsTooMany();
    }

    /** Texts to this number get these answers in turn, the last one from then on (see {@link TwilioStandIn}). */
    public void answerTextsInTurn(String to, ResponseDefinitionBuilder... answers) {
        String scenario = "texts to " + to;
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            var stub = textsTo(to).atPriority(1).inScenario(scenario).whenScenarioStateIs(state)
                    .willReturn(answers[i]);
            if (i + 1 < answers.length) {
                stub = stub.willSetStateTo("answer " + (i + 1));
            }
            server.stubFor(stub);
        }
    }

    /** Texts to this number get the given response instead. */
    public void answerTextsTo(String to, ResponseDefinitionBuilder response) {
        server.stubFor(textsTo(to).atPriority(1).willReturn(response));
    }

    /** The texts to this number that the stand-in took, whatever became of its answers. */
    public List<String> textsTakenFor(String to) {
        return messages.takenTo(to).stream().map(m -> m.sid()).toList();
    }

    /** The requests the SDK made to send a text to this number. */
    public List<LoggedRequest> textsSentTo(String to) {
        return server.findAll(postRequestedFor(urlPathEqualTo(TwilioStandIn.MESSAGES_PATH))
                .withRequestBody(containing("To=" + encode(to))));
    }

    /** Every request to send a text, to any number. */
    public List<LoggedRequest> textsSent() {
        return server.findAll(postRequestedFor(urlPathEqualTo(TwilioStandIn.MESSAGES_PATH)));
    }

    static MappingBuilder textsTo(String to) {
        return post(urlPathEqualTo(TwilioStandIn.MESSAGES_PATH)).withRequestBody(containing("To=" + encode(to)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop();
    }
}
