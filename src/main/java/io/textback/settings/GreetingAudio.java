package io.textback.settings;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.textback.system.InvalidInput;

/**
 * Recognises the audio Twilio's {@code <Play>} accepts by its first bytes, never by the file's
 * name: a WAV starts {@code RIFF....WAVE}, an MP3 with an ID3 tag or an MPEG audio frame header.
 */
public final class GreetingAudio {

    static final int MAX_BYTES = 10 * 1024 * 1024;
    public static final String TOO_LARGE = "must be at most 10 MB";

    private GreetingAudio() {
    }

    /** The content type to serve the audio with, or an {@link InvalidInput} on field {@code file}. */
    public static String contentTypeOf(byte[] audio) {
        if (audio.length == 0) {
            throw new InvalidInput("file", "is empty");
        }
        if (audio.length > MAX_BYTES) {
            throw InvalidInput.tooLarge("file", TOO_LARGE);
        }
        if (startsWith(audio, 0, "RIFF") && startsWith(audio, 8, "WAVE")) {
            return "audio/wav";
        }
        if (startsWith(audio, 0, "ID3") || isMpegAudioFrame(audio)) {
            return "audio/mpeg";
        }
        throw new InvalidInput("file", "is not MP3 or WAV audio (its content was checked, not its name)");
    }

    // Frame sync is 11 set bits; a layer of 00 is reserved (AAC's ADTS header uses it), so it is no MP3.
    private static boolean isMpegAudioFrame(byte[] audio) {
        return audio.length >= 4 && (audio[0] & 0xFF) == 0xFF && (audio[1] & 0xE0) == 0xE0
                && (audio[1] & 0x06) != 0;
    }

    private static boolean startsWith(byte[] data, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        return data.length >= offset + expected.length
                && Arrays.equals(data, offset, offset + expected.length, expected, 0, expected.length);
    }
}
