package io.textback.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.textback.support.SignedWebhooks;
import io.textback.system.PublicUrls;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TwilioSignatureFilterTest {

    // Twilio's documented example of a signed request.
    static final String TOKEN = "12345";
    static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
            "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
    static final String SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    final TwilioSignatureFilter filter = new TwilioSignatureFilter(
            new TwilioProperties("AC1", TOKEN, null, Duration.ofSeconds(5), null), publicUrl("https://mycompany.com"),
            true);

    @Test
    void ourTestSignerGivesTwilioDocumentedSignature() {
        assertThat(SignedWebhooks.signature(TOKEN, "https://mycompany.com/myapp.php?foo=1&bar=2", PARAMS))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void twilioDocumentedExampleIsLetThroughAtThePublicUrl() throws Exception {
        var chain = new MockFilterChain();
        var response = new MockHttpServletResponse();

        filter.doFilter(documentedRequest(SIGNATURE), response, chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).as("the webhook runs").isNotNull();
    }

    @Test
    void changedParameterIsRefused() throws Exception {
        var chain = new MockFilterChain();
        var response = new MockHttpServletResponse();
        var request = documentedRequest(SIGNATURE);
        request.setParameter("To", "+18005550000");

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("X-Twilio-Signature");
        assertThat(chain.getRequest()).as("the webhook does not run").isNull();
    }

    @Test
    void withoutAnAuthTokenOnlyCallersOnThisMachineGetIn() throws Exception {
        var open = new TwilioSignatureFilter(new TwilioProperties(null, null, null, null, null),
                publicUrl("http://localhost"), true);
        var local = new MockHttpServletRequest("POST", "/twilio/voice/incoming");
        local.setRemoteAddr("127.0.0.1");
        var remote = new MockHttpServletRequest("POST", "/twilio/voice/incoming");
        remote.setRemoteAddr("203.0.113.7");
        var localChain = new MockFilterChain();
        var remoteChain = new MockFilterChain();
        var remoteResponse = new MockHttpServletResponse();

        open.doFilter(local, new MockHttpServletResponse(), localChain);
        open.doFilter(remote, remoteResponse, remoteChain);

        assertThat(localChain.getRequest()).isNotNull();
        assertThat(remoteChain.getRequest()).isNull();
        assertThat(remoteResponse.getStatus()).isEqualTo(403);
        assertThat(remoteResponse.getContentAsString()).contains("TWILIO_AUTH_TOKEN");
    }

    @Test
    void withoutAnAuthTokenAndUnsignedLocalWebhooksOffNobodyGetsIn() throws Exception {
        // Behind a reverse proxy on the same host every request comes from 127.0.0.1.
        var closed = new TwilioSignatureFilter(new TwilioProperties(null, null, null, null, null),
                publicUrl("http://localhost"), false);
        var proxied = new MockHttpServletRequest("POST", "/twilio/voice/dial-complete");
        proxied.setRemoteAddr("127.0.0.1");
        var chain = new MockFilterChain();
        var response = new MockHttpServletResponse();

        closed.doFilter(proxied, response, chain);

        assertThat(chain.getRequest()).isNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("TWILIO_AUTH_TOKEN")
                .contains("TEXTBACK_ALLOW_UNSIGNED_LOCAL_WEBHOOKS");
    }

    private static MockHttpServletRequest documentedRequest(String signature) {
        var request = new MockHttpServletRequest("POST", "/myapp.php");
        request.setQueryString("foo=1&bar=2");
        request.setParameter("foo", "1");
        request.setParameter("bar", "2");
        PARAMS.forEach(request::setParameter);
        request.addHeader("X-Twilio-Signature", signature);
        return request;
    }

    private static PublicUrls publicUrl(String base) {
        return new PublicUrls(base);
    }
}
