package io.textback.calls;

import java.time.Instant;

import io.textback.accounts.Account;

/**
 * What a call tells the recipes: a missed call starts the account's recipe, an answered one ends
 * the waits of recipes texting that caller. The recipes implement it; calls never see the engine.
 */
public interface CallRecipes {

    /** Starts the account's recipe for a missed call and answers the new instance's id. */
    String startForMissedCall(Account account, String callSid, String caller, String businessNumber,
                              String missedReason, Instant calledAt);

    /** The caller got through, or answered the business's call: answers how many waiting recipes heard it. */
    int callAnswered(String accountId, String caller);
}
