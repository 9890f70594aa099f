package io.textback.messaging;

import java.util.Map;

import io.textback.accounts.Account;

/**
 * Merge fields that another feature knows about an account (such as when it next opens), filled
 * in next to the business and contact fields wherever a message is rendered.
 */
public interface AccountMergeFields {

    /** Field name (one of {@link MessageTemplate#FIELDS}) to its value for this account, now. */
    Map<String, String> fields(Account account);
}
