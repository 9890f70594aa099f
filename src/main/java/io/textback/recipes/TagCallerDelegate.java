package io.textback.recipes;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.textback.calls.CallLog;
import io.textback.calls.CallOutcomes;
import io.textback.contacts.ContactRepository;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Tag caller": numbers this missed call among the caller's missed calls within a window (input
 * {@code window}, an ISO-8601 duration, default 20 minutes), tags the contact "1st call", "2nd call"
 * or "3rd+ call", and sets {@code callNumberInWindow} for the recipe's gateways. Calls are numbered
 * in the order they are tagged, under a lock on the contact, so of simultaneous calls exactly one is
 * the first, whichever began to ring first.
 */
@Component("tagCaller")
class TagCallerDelegate implements JavaDelegate {

    static final String INPUT_WINDOW = "window";
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(20);
    static final List<String> CALL_TAGS = List.of("1st call", "2nd call", "3rd+ call");

    private final CallLog calls;
    private final ContactRepository contacts;
    private final Waits waits;
    private final CallOutcomes outcomes;

    TagCallerDelegate(CallLog calls, ContactRepository contacts, Waits waits, CallOutcomes outcomes) {
        this.calls = calls;
        this.outcomes = outcomes;
        this.contacts = contacts;
        this.waits = waits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MissedCallStart call = MissedCallStart.of(execution);
        String accountId = call.accountId();
        String caller = call.caller();
        if (accountId == null || caller == null) {
            throw new ProcessEngineException("Tag caller needs the variables 'accountId' and 'caller'");
        }
        Instant calledAt = call.calledAt() == null ? ClockUtil.getCurrentTime().toInstant() : call.calledAt();
        Duration window = waits.scaled(window(execution.getVariableLocal(INPUT_WINDOW)));

        // One call at a time per caller, on every node: simultaneous calls must agree on which one is first.
        contacts.lock(accountId, caller);
        String callSid = call.callSid();
        int number = 1 + calls.countNumberedCalls(accountId, caller, calledAt.minus(window), callSid);
        calls.number(callSid, number);
        String tag = CALL_TAGS.get(Math.min(number, CALL_TAGS.size()) - 1);
        contacts.replaceTag(accountId, caller, CALL_TAGS, tag, calledAt);
        if (number > 1) {
            outcomes.repeatCall(callSid, number, window(execution.getVariableLocal(INPUT_WINDOW)).toString());
        }
        RecipeContract.CALL_NUMBER_IN_WINDOW.set(execution, number);
        RecipeContract.CALLER_TAG.set(execution, tag);
    }

    private static Duration window(Object input) {
        if (input == null || input.toString().isBlank()) {
            return DEFAULT_WINDOW;
        }
        try {
            Duration window = Duration.parse(input.toString().trim());
            if (window.isNegative() || window.isZero()) {
                throw new ProcessEngineException("Tag caller: window must be longer than zero, was " + input);
            }
            return window;
        } catch (DateTimeParseException e) {
            throw new ProcessEngineException("Tag caller: window '" + input
                    + "' is not an ISO-8601 duration such as PT20M", e);
        }
    }
}
