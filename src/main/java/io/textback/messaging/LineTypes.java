package io.textback.messaging;

/** What kind of line a number is, as Twilio Lookup's line type intelligence names it. */
public interface LineTypes {

    String LANDLINE = "landline";

    /** {@code mobile}, {@code landline}, {@code fixedVoip}, ...; null when it cannot be told now. */
    String lineType(String e164);
}
