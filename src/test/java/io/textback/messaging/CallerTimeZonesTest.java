package io.textback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.textback.accounts.Account;
import io.textback.accounts.TextBackSettings;
import org.junit.jupiter.api.Test;

/** A caller's clock: from their number, else (a number in several zones) the account's. */
class CallerTimeZonesTest {

    static final String TOLL_FREE = "+18005550100";

    @Test
    void aNumberInOneZoneGivesThatZone() {
        var zones = zones(null);

        assertThat(zones.of(account("+12125550111"), "+14155550123")).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(zones.of(account("+14155550111"), "+12125550123")).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(zones.of(account("+14155550111"), "+442079460000")).isEqualTo(ZoneId.of("Europe/London"));
    }

    @Test
    void aNumberInSeveralZonesTakesTheAccountsZone() {
        assertThat(zones(null).of(account("+13125550111"), TOLL_FREE)).as("the account's number is in Chicago")
                .isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(zones("America/Denver").of(account("+13125550111"), TOLL_FREE)).as("the zone its rules name")
                .isEqualTo(ZoneId.of("America/Denver"));
        assertThat(zones(null).of(account(TOLL_FREE), TOLL_FREE)).as("nothing to go by").isEqualTo(ZoneOffset.UTC);
    }

    private static CallerTimeZones zones(String accountZone) {
        var rules = new SendingRulesRepository(null) {
            @Override
            public SendingRules find(String accountId) {
                return new SendingRules(null, false, true, LocalTime.of(21, 0), LocalTime.of(8, 0), accountZone);
            }
        };
        return new CallerTimeZones(rules);
    }

    private static Account account(String number) {
        return new Account("acct", "Zone Test", number, List.of(number), List.of(), TextBackSettings.defaults());
    }
}
