package io.textback.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Without a Twilio account, a number's digits decide: fixed lines where a country's numbering says so. */
class SimulatedLineTypesTest {

    @ParameterizedTest
    @CsvSource({
            "+442079460000, landline",   // London
            "+493012345678, landline",   // Berlin
            "+447700900123, mobile",     // UK mobile range
            "+14155550123, mobile",      // North America: the digits do not tell
            "+12125550111, mobile"})
    void fixedLinesByNumberingPlan(String number, String expected) {
        assertThat(new SimulatedLineTypes().lineType(number)).isEqualTo(expected);
    }
}
