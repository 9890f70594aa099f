package io.textback.settings;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Real audio made on the spot: a short tone as a PCM WAV file, and the first bytes of MP3 files. */
public final class TestAudio {

    private TestAudio() {
    }

    /** A 16-bit mono 8 kHz WAV of a 440 Hz tone. */
    public static byte[] wav(double seconds) {
        int rate = 8000;
        int samples = (int) (rate * seconds);
        var data = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            data.putShort((short) (Math.sin(2 * Math.PI * 440 * i / rate) * 8000));
        }
        var header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        var out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** An MP3 that starts with an ID3v2 tag, as most encoders write. */
    static byte[] mp3WithId3Tag() {
        byte[] bytes = new byte[64];
        System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 3);
        bytes[3] = 4;
        return bytes;
    }

    /** An MP3 with no tag: it starts straight with an MPEG-1 Layer III frame header. */
    static byte[] mp3FrameOnly() {
        byte[] bytes = new byte[64];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFB;
        bytes[2] = (byte) 0x90;
        return bytes;
    }
}
