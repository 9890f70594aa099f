package io.textback.twilio;

import io.textback.calls.VoicemailGreetings;
import java.time.Duration;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves uploaded greetings to Twilio's {@code <Play>} (and the settings page's player) without a
 * login: the random token in the path is what keeps them private.
 */
@RestController
class VoicemailGreetingMedia {

    private final VoicemailGreetings greetings;

    VoicemailGreetingMedia(VoicemailGreetings greetings) {
        this.greetings = greetings;
    }

    @GetMapping("/voicemail-greetings/{token}")
    ResponseEntity<Resource> audio(@PathVariable String token) {
        var audio = greetings.audio(token)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such greeting"));
        // A token names one upload forever (a new upload gets a new token), so caches may keep it.
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(audio.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
                .body(new ByteArrayResource(audio.bytes()));
    }
}
