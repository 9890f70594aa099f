package io.textback.accounts;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts created at startup when absent: the demo account (so the product works out of the box)
 * and any listed under {@code textback.accounts}. Once created, an account is changed through the
 * API and settings page, never overwritten from configuration.
 */
@ConfigurationProperties("textback")
public record AccountProperties(DemoAccount demoAccount, List<NewAccount> accounts) {

    public AccountProperties {
        accounts = accounts == null ? List.of() : accounts;
    }

    public record DemoAccount(boolean enabled, String id, String businessName, String number,
                              List<String> forwardingNumbers) {
    }
}
