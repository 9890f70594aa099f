package io.textback.web;

import io.textback.settings.GreetingAudio;
import io.textback.settings.SettingsService;
import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.calls.VoicemailGreetings;
import io.textback.calls.VoicemailGreetings.Greeting;
import io.textback.system.NotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The account's voicemail greeting: upload (MP3 or WAV, checked by content), look up, remove. */
@RestController
@Tag(name = "Voicemail greeting")
class GreetingController {

    private final SettingsService settings;
    private final VoicemailGreetings greetings;

    GreetingController(SettingsService settings, VoicemailGreetings greetings) {
        this.settings = settings;
        this.greetings = greetings;
    }

    /** {@code url} is the unguessable path Twilio's {@code <Play>} and the page's player fetch. */
    record GreetingInfo(String fileName, String contentType, int sizeBytes, String url, String uploadedAt) {

        static GreetingInfo of(Greeting g) {
            return new GreetingInfo(g.fileName(), g.contentType(), g.sizeBytes(), g.path(), g.uploadedAt().toString());
        }
    }

    @PutMapping(path = "/api/accounts/{accountId}/voicemail-greeting", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload the greeting callers hear before leaving a voicemail (MP3 or WAV, at most 10 MB)")
    GreetingInfo upload(@PathVariable String accountId, @RequestPart("file") MultipartFile file) throws IOException {
        settings.account(accountId);
        byte[] audio = file.getBytes();
        String contentType = GreetingAudio.contentTypeOf(audio);
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
                ? "greeting" : file.getOriginalFilename();
        return GreetingInfo.of(greetings.replace(accountId, contentType, name.length() > 255 ? name.substring(0, 255)
                : name, audio));
    }

    @GetMapping("/api/accounts/{accountId}/voicemail-greeting")
    @Operation(summary = "The uploaded greeting, or 404 when callers hear the spoken default")
    GreetingInfo get(@PathVariable String accountId) {
        settings.account(accountId);
        return greetings.find(accountId).map(GreetingInfo::of).orElseThrow(
                () -> new NotFound("no greeting uploaded; callers hear the default"));
    }

    @DeleteMapping("/api/accounts/{accountId}/voicemail-greeting")
    @Operation(summary = "Remove the greeting; callers hear the spoken default again")
    ResponseEntity<Void> remove(@PathVariable String accountId) {
        settings.account(accountId);
        greetings.remove(accountId);
        return ResponseEntity.noContent().build();
    }
}
