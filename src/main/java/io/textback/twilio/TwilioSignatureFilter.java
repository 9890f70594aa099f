package io.textback.twilio;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.twilio.security.RequestValidator;
import io.textback.system.PublicUrls;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request into {@code /twilio/**} only if Twilio signed it with the account's auth token
 * (X-Twilio-Signature over the public URL and the POST parameters). Without an auth token there is
 * nothing to check against: callers on this machine get in when unsigned local webhooks are allowed
 * (local trials; off in production, where a reverse proxy on the same host makes every request
 * look local), and nobody gets in otherwise.
 */
public class TwilioSignatureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TwilioSignatureFilter.class);
    public static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final PublicUrls urls;
    private final boolean allowUnsignedLocal;

    public TwilioSignatureFilter(TwilioProperties twilio, PublicUrls urls, boolean allowUnsignedLocal) {
        this.validator = twilio.checksSignatures() ? new RequestValidator(twilio.authToken()) : null;
        this.urls = urls;
        this.allowUnsignedLocal = allowUnsignedLocal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (validator == null) {
            if (allowUnsignedLocal && isLoopback(request.getRemoteAddr())) {
                chain.doFilter(request, response);
            } else if (allowUnsignedLocal) {
                refuse(response, "Twilio webhooks are accepted from other machines only when TWILIO_AUTH_TOKEN is set");
            } else {
                refuse(response, "Twilio webhooks are accepted only when TWILIO_AUTH_TOKEN is set "
                        + "(or TEXTBACK_ALLOW_UNSIGNED_LOCAL_WEBHOOKS=true for requests from this machine)");
            }
            return;
        }
        String signature = request.getHeader(HEADER);
        String url = urls.absolute(request.getRequestURI())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (signature == null || !validator.validate(url, postParameters(request), signature)) {
            log.warn("Refused {} {}: missing or wrong {}", request.getMethod(), url, HEADER);
            refuse(response, "missing or invalid " + HEADER);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The form parameters of the body: Twilio signs those, not the ones in the query string. */
    private static Map<String, String> postParameters(HttpServletRequest request) {
        Set<String> fromQuery = new HashSet<>();
        if (request.getQueryString() != null) {
            for (String pair : request.getQueryString().split("&")) {
                fromQuery.add(java.net.URLDecoder.decode(pair.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        Map<String, String> params = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!fromQuery.contains(name) && values.length > 0) {
                params.put(name, values[0]);
            }
        });
        return params;
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, String reason) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain");
        response.getWriter().write(reason);
    }
}
