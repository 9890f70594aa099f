package io.textback.web;

import io.textback.calls.Call;
import io.textback.calls.CallLog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.system.NotFound;
import io.textback.twilio.TwilioProperties;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A call's voicemail, played in the Calls page. Twilio's recording URLs may need the account's
 * credentials, which the browser must never hold, so the app fetches the audio and streams it on.
 */
@RestController
@Tag(name = "Calls")
class CallRecordingController {

    private final CallLog calls;
    private final TwilioProperties twilio;
    private final HttpClient http;

    CallRecordingController(CallLog calls, TwilioProperties twilio) {
        this.calls = calls;
        this.twilio = twilio;
        this.http = HttpClient.newBuilder().connectTimeout(twilio.timeout()).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @GetMapping("/api/calls/{callSid}/recording")
    @Operation(summary = "The voicemail the caller left, as MP3, fetched from Twilio with the account's credentials")
    ResponseEntity<InputStreamResource> recording(@PathVariable String callSid) throws IOException {
        Call call = calls.find(callSid).orElseThrow(() -> new NotFound("no call '" + callSid + "'"));
        String url = call.recordingUrl();
        if (url == null || url.isBlank()) {
            throw new NotFound("call '" + callSid + "' has no voicemail recording");
        }
        // Only Twilio's own API gets the credentials: a recording URL is data a webhook sent us.
        if (!url.startsWith(TwilioProperties.TWILIO_API + "/")) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the recording is not at Twilio: " + url);
        }
        var request = HttpRequest.newBuilder(URI.create(twilio.apiBaseUrl()
                        + url.substring(TwilioProperties.TWILIO_API.length()) + (url.endsWith(".mp3") ? "" : ".mp3")))
                .timeout(twilio.timeout()).GET();
        if (twilio.canSend()) {
            request.header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                    (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted");
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "Twilio could not be reached: " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY,
                    "Twilio answered " + response.statusCode() + " for the recording");
        }
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(
                response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("audio/mpeg")));
        response.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH).ifPresent(headers::setContentLength);
        headers.setCacheControl("private, max-age=3600");
        return new ResponseEntity<>(new InputStreamResource(response.body()), headers, HttpStatus.OK);
    }
}
