package io.textback.recipes;

import java.time.Instant;
import java.util.Date;

import io.textback.calls.CallLog;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * What a caller did since a recipe started, for its gateways:
 * {@code ${callerActivity.calledSince(accountId, caller, textSentAt)}} is true once the caller has
 * called the account (answered or not) after that moment (a date, or an ISO-8601 text).
 */
@Component("callerActivity")
public class CallerActivity {

    private final CallLog calls;

    CallerActivity(CallLog calls) {
        this.calls = calls;
    }

    public boolean calledSince(String accountId, String caller, Object since) {
        Instant from = since instanceof Date date ? date.toInstant() : Instant.parse(since.toString());
        return calls.countInboundCalls(accountId, caller, from, ClockUtil.getCurrentTime().toInstant()) > 0;
    }
}
