package io.textback.system;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/** Phone numbers in and out of the product are E.164; this is the one place that parses them. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    // Numbers written without a country code are read as North American, as Twilio's own console does.
    private static final String DEFAULT_REGION = "US";

    private PhoneNumbers() {
    }

    /** The number in E.164, or an {@link InvalidPhoneNumberException} saying why it is not one. */
    public static String toE164(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException("is empty");
        }
        try {
            var parsed = UTIL.parse(raw.trim(), DEFAULT_REGION);
            if (!UTIL.isValidNumber(parsed)) {
                throw new InvalidPhoneNumberException("'" + raw + "' is not a valid phone number");
            }
            return UTIL.format(parsed, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException("'" + raw + "' is not a phone number: " + e.getMessage());
        }
    }

    public static class InvalidPhoneNumberException extends IllegalArgumentException {
        public InvalidPhoneNumberException(String reason) {
            super(reason);
        }
    }
}
