package io.textback.messaging;

/**
 * How a carrier will count a text: GSM-7 when every character is in the GSM 03.38 alphabet
 * (160 characters in one segment, 153 per part when split), UCS-2 otherwise (70, then 67).
 */
public record SmsSegments(String encoding, int characters, int segments) {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    // Characters of the GSM extension table; each takes two of the 160.
    private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

    public static SmsSegments of(String text) {
        int gsmLength = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length() && gsm; i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsmLength++;
            } else if (GSM_EXTENDED.indexOf(c) >= 0) {
                gsmLength += 2;
            } else {
                gsm = false;
            }
        }
        if (gsm) {
            return new SmsSegments("GSM-7", gsmLength, segments(gsmLength, 160, 153));
        }
        int units = text.length(); // UTF-16 code units: an emoji takes two
        return new SmsSegments("UCS-2", units, segments(units, 70, 67));
    }

    private static int segments(int length, int single, int perPart) {
        if (length == 0) {
            return 0;
        }
        return length <= single ? 1 : (length + perPart - 1) / perPart;
    }
}
