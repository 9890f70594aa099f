package io.textback.twilio;

import java.util.List;
import java.util.Map;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's HTTP client, sending what it would send to {@code https://api.twilio.com} (or another of
 * Twilio's hosts) to another base URL instead (a Twilio-compatible stand-in). The SDK has no setting for this.
 */
class RedirectingHttpClient extends NetworkHttpClient {

    private final String twilioHost;
    private final String baseUrl;

    RedirectingHttpClient(String baseUrl, java.time.Duration timeout) {
        this(TwilioProperties.TWILIO_API, baseUrl, timeout);
    }

    RedirectingHttpClient(String twilioHost, String baseUrl, java.time.Duration timeout) {
        super(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .build(),
                SocketConfig.custom().setSoTimeout(Timeout.of(timeout)).build());
        this.twilioHost = twilioHost;
        this.baseUrl = baseUrl;
    }

    @Override
    public Response makeRequest(Request request) {
        if (baseUrl.equals(twilioHost) || !request.getUrl().startsWith(twilioHost)) {
            return super.makeRequest(request);
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
        return super.makeRequest(redirected);
    }

    private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> into) {
        params.forEach((name, values) -> values.forEach(value -> into.accept(name, value)));
    }
}
