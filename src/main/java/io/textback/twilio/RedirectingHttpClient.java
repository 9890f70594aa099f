package io.textback.twilio;

import java.util.List;
import java.util.Map;

import com.twilio.http.NetworkHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's HTTP client, sending what it would send to {@code https://api.twilio.com} to another
 * base URL instead (a Twilio-compatible stand-in). The SDK has no setting for this. Every request
 * of the SDK passes here, so here it is timed and logged (with the call's ids of the thread).
 */
class RedirectingHttpClient extends NetworkHttpClient {

    private static final Logger log = LoggerFactory.getLogger(RedirectingHttpClient.class);
    private static final java.util.regex.Pattern SID = java.util.regex.Pattern.compile("[A-Z]{2}[0-9a-f]{32}");

    private final String baseUrl;
    private final MeterRegistry meters;

    RedirectingHttpClient(String baseUrl, java.time.Duration timeout, MeterRegistry meters) {
        super(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .build(),
                SocketConfig.custom().setSoTimeout(Timeout.of(timeout)).build());
        this.baseUrl = baseUrl;
        this.meters = meters;
    }

    @Override
    public Response makeRequest(Request request) {
        String resource = resource(request.getUrl());
        Timer.Sample sample = Timer.start(meters);
        String status = "error";
        try {
            Response response = redirect(request);
            status = String.valueOf(response.getStatusCode());
            return response;
        } finally {
            long nanos = sample.stop(meters.timer("textback.twilio.requests", "method", request.getMethod().toString(),
                    "resource", resource, "status", status));
            log.info("Twilio {} {} answered {} in {} ms", request.getMethod(), resource, status, nanos / 1_000_000);
        }
    }

    /** What a request is about ("Messages", "PhoneNumbers"), without the ids that would make every series unique. */
    static String resource(String url) {
        String[] segments = java.net.URI.create(url).getPath().split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i].replace(".json", "");
            if (!segment.isEmpty() && Character.isUpperCase(segment.charAt(0)) && !SID.matcher(segment).matches()) {
                return segment;
            }
        }
        return "other";
    }

    private Response redirect(Request request) {
        if (baseUrl.equals(TwilioProperties.TWILIO_API) || !request.getUrl().startsWith(TwilioProperties.TWILIO_API)) {
            return super.makeRequest(request);
        }
        var redirected = new Request(request.getMethod(),
                baseUrl + request.getUrl().substring(TwilioProperties.TWILIO_API.length()));
        if (request.getAuthStrategy() != null) {
            redirected.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            redirected.setAuth(request.getUsername(), request.getPassword());
        }
        copy(request.getQueryParams(), redirected::addQueryParam);
        copy(request.getPostParams(), redirected::addPostParam);
        copy(request.getHeaderParams(), redirected::addHeaderParam);
        redirected.setContentType(request.getContentType());
        if (request.getBody() != null) {
            redirected.setBody(request.getBody());
        }
        redirected.setUserAgentExtensions(request.getUserAgentExtensions());
        return super.makeRequest(redirected);
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> into) {
        params.forEach((name, values) -> values.forEach(value -> into.accept(name, value)));
    }
}
