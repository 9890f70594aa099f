package io.textback.system;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;

/**
 * The admin user {@code admin}, one login for the pages, the API, Cockpit and the engine's REST API.
 * The Camunda starter creates it ({@code camunda.bpm.admin-user} in application.yml) with the password
 * {@link AdminPassword} gives it. A made-up password that opens the account was just used to create it,
 * so it is printed, once. A changed TEXTBACK_ADMIN_PASSWORD replaces the old one.
 */
@Component
class AdminUser implements SmartInitializingSingleton {

    static final String ID = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminUser.class);

    private final IdentityService identity;
    private final ConfigurableEnvironment environment;

    AdminUser(IdentityService identity, ConfigurableEnvironment environment) {
        this.identity = identity;
        this.environment = environment;
    }

    /** After the engine is built, and with it the user by the starter. */
    @Override
    public void afterSingletonsInstantiated() {
        String configured = environment.getProperty(AdminPassword.CONFIGURED, "");
        if (configured.isBlank()) {
            // A made-up password is new at every start: it opens the account only if the starter just created it.
            String madeUp = environment.getProperty(AdminPassword.FOR_STARTER);
            if (identity.checkPassword(ID, madeUp)) {
                log.warn(passwordBox(madeUp));
            }
        } else if (!identity.checkPassword(ID, configured)) {
            var user = identity.createUserQuery().userId(ID).singleResult();
            user.setPassword(configured);
            identity.saveUser(user);
            log.info("Password of user '{}' set from TEXTBACK_ADMIN_PASSWORD", ID);
        }
    }

    /** A box that stands out in a scrolling log, with the line to copy; it is shown only this once. */
    static String passwordBox(String password) {
        String export = "export TEXTBACK_ADMIN_PASSWORD=" + password;
        String[] lines = {"TEXTBACK ADMIN PASSWORD (shown once)", "", "user:     " + ID, "password: " + password, "",
                "Keep it for the next start:", export, "",
                "Log in at the app's address; the same login opens Cockpit."};
        int width = 0;
        for (String line : lines) {
            width = Math.max(width, line.length());
        }
        String rule = "#".repeat(width + 8);
        var box = new StringBuilder("\n\n").append(rule).append('\n');
        for (String line : lines) {
            box.append("##  ").append(line).append(" ".repeat(width - line.length())).append("  ##\n");
        }
        return box.append(rule).append("\n").toString();
    }

}
