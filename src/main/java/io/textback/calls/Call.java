package io.textback.calls;

import java.time.Instant;

/** One call to (or from) an account's number, as the call log keeps it. */
public record Call(String callSid, String accountId, String caller, String businessNumber, String direction,
                   String status, boolean missed, String processInstanceId, String note, String recordingUrl,
                   Instant startedAt, Instant endedAt) {

    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    static Call ringing(String callSid, String accountId, String caller, String businessNumber, Instant at) {
        return new Call(callSid, accountId, caller, businessNumber, INBOUND, "ringing", false, null, null, null, at,
                null);
    }
}
