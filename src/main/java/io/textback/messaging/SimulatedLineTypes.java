package io.textback.messaging;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * Line types without a Twilio account: a number whose digits alone make it a fixed line (libphonenumber
 * knows this for most countries, such as +44 20 London numbers) is a landline, anything else mobile.
 * North American numbers do not tell by their digits, so they count as mobile.
 */
public class SimulatedLineTypes implements LineTypes {

    @Override
    public String lineType(String e164) {
        var util = PhoneNumberUtil.getInstance();
        try {
            return util.getNumberType(util.parse(e164, null)) == PhoneNumberType.FIXED_LINE ? LANDLINE : "mobile";
        } catch (NumberParseException e) {
            return null;
        }
    }
}
