package io.textback.system;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/** Phone numbers in and out of the product are E.164; this is the one place that parses them. */
public final class PhoneNumbers {

    /** The one wording for a number that cannot be read, whichever field and endpoint it came in. */
    public static final String NOT_A_PHONE_NUMBER = "is not a phone number in E.164 form, such as +14155550123";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    // Numbers written without a country code are read as North American, as Twilio's own console does.
    private static final String DEFAULT_REGION = "US";

    private PhoneNumbers() {
    }

    /**
     * The number in E.164. Written locally ({@code (415) 555-0123}) it is read as North American.
     * A missing or unreadable number is an {@link InvalidInput} on {@code field}.
     */
    public static String toE164(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput(field, InvalidInput.REQUIRED);
        }
        try {
            var parsed = UTIL.parse(raw.trim(), DEFAULT_REGION);
            if (UTIL.isValidNumber(parsed)) {
                return UTIL.format(parsed, PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // answered below, in the same words as a number that parses but does not exist
        }
        throw new InvalidInput(field, NOT_A_PHONE_NUMBER);
    }
}
