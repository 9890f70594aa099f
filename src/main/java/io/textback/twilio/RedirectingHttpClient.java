package io.textback.twilio;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's HTTP client with three changes: requests meant for {@code https://api.twilio.com} (or
 * another of Twilio's hosts) can go to another base URL (a Twilio-compatible stand-in; the SDK has no setting for this), as many
 * requests may be in flight as the sender runs in parallel (the SDK's pool allows 20 per host), and
 * no request is repeated blindly: the SDK would send a POST again after a 5xx, and the text twice.
 * Every request of the SDK passes here, so here it is timed and logged (with the call's ids of the thread).
 */
class RedirectingHttpClient extends NetworkHttpClient {

    private static final Logger log = LoggerFactory.getLogger(RedirectingHttpClient.class);
    private static final java.util.regex.Pattern SID = java.util.regex.Pattern.compile("[A-Z]{2}[0-9a-f]{32}");
    private static final ThreadLocal<Duration> RETRY_AFTER = new ThreadLocal<>();

    private final String twilioHost;
    private final String baseUrl;
    private final MeterRegistry meters;

    RedirectingHttpClient(String baseUrl, Duration timeout, int maxConnections, MeterRegistry meters) {
        this(TwilioProperties.TWILIO_API, baseUrl, timeout, maxConnections, meters);
    }

    RedirectingHttpClient(String twilioHost, String baseUrl, Duration timeout, int maxConnections,
                          MeterRegistry meters) {
        super(HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(timeout)).build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(timeout))
                                .setSocketTimeout(Timeout.of(timeout))
                                .build())
                        .setMaxConnPerRoute(maxConnections)
                        .setMaxConnTotal(maxConnections)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .build())
                .disableAutomaticRetries());
        this.twilioHost = twilioHost;
        this.baseUrl = baseUrl;
        this.meters = meters;
    }

    /** How long Twilio asked this thread's last request to wait (HTTP 429's Retry-After), or null. */
    static Duration lastRetryAfter() {
        return RETRY_AFTER.get();
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        RETRY_AFTER.remove();
        String resource = resource(request.getUrl());
        Timer.Sample sample = Timer.start(meters);
        String status = "error";
        try {
            Response response = super.makeRequest(redirect(request));
            status = String.valueOf(response.getStatusCode());
            if (response.getStatusCode() == 429) {
                RETRY_AFTER.set(retryAfter(response.getHeaders()));
            }
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

    private Request redirect(Request request) {
        if (baseUrl.equals(twilioHost) || !request.getUrl().startsWith(twilioHost)) {
            return request;
        }
        var redirected = new Request(request.getMethod(), baseUrl + request.getUrl().substring(twilioHost.length()));
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
        return redirected;
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(Header[] headers) {
        if (headers == null) {
            return null;
        }
        for (Header header : headers) {
            if (!"Retry-After".equalsIgnoreCase(header.getName()) || header.getValue() == null) {
                continue;
            }
            String value = header.getValue().trim();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
            } catch (NumberFormatException notSeconds) {
                try {
                    var until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(ZonedDateTime.now(until.getZone()), until);
                    return wait.isNegative() ? Duration.ZERO : wait;
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> into) {
        params.forEach((name, values) -> values.forEach(value -> into.accept(name, value)));
    }
}
