package io.textback.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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

    private static WireMockServer server;

    private TwilioStandIn() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
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
        registry.add("textback.twilio.timeout", () -> "2s");
    }

    /** Back to a Twilio that takes every text. */
    public static void acceptTexts() {
        server().resetAll();
        server().stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(10).willReturn(created()));
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

    private static ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"account_sid\":\"" + ACCOUNT_SID
                        + "\",\"status\":\"queued\",\"to\":\"{{formData request.body 'form' urlDecode=true}}{{form.To}}\","
                        + "\"from\":\"{{form.From}}\",\"num_segments\":\"1\","
                        + "\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\"}");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
