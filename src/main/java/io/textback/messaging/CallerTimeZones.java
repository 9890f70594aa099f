package io.textback.messaging;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.textback.accounts.Account;
import org.springframework.stereotype.Component;

/**
 * A caller's local time zone, from their number (libphonenumber's time-zone map). A number that maps to
 * several zones (or none) takes the account's own: the one its sending rules name, else its default
 * number's, else UTC.
 */
@Component
public class CallerTimeZones {

    private final SendingRulesRepository rules;

    CallerTimeZones(SendingRulesRepository rules) {
        this.rules = rules;
    }

    public ZoneId of(Account account, String number) {
        return single(number).orElseGet(() -> accountZone(account));
    }

    public ZoneId accountZone(Account account) {
        String named = rules.find(account.id()).timeZone();
        if (named != null) {
            return ZoneId.of(named);
        }
        return single(account.defaultNumber()).orElse(ZoneOffset.UTC);
    }

    private static java.util.Optional<ZoneId> single(String number) {
        try {
            var parsed = PhoneNumberUtil.getInstance().parse(number, null);
            List<String> zones = PhoneNumberToTimeZonesMapper.getInstance().getTimeZonesForNumber(parsed);
            if (zones.size() == 1 && !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(zones.get(0))) {
                return java.util.Optional.of(ZoneId.of(zones.get(0)));
            }
        } catch (NumberParseException | java.time.DateTimeException e) {
            // not a number (or zone) we can place: the account's zone applies
        }
        return java.util.Optional.empty();
    }
}
