package io.textback.system;

import java.security.SecureRandom;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The admin user {@code admin}, one login for the settings page, the API, Cockpit and the engine's
 * REST API. Its password is TEXTBACK_ADMIN_PASSWORD; without it, a random one is made and printed
 * once, when the user is first created.
 */
@Component
class AdminUser extends AbstractProcessEnginePlugin {

    static final String ID = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminUser.class);

    private final String configuredPassword;

    AdminUser(@Value("${textback.admin-password:}") String configuredPassword) {
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        ensureAdminGroup(engine);
        if (identity.createUserQuery().userId(ID).count() == 0) {
            String password = configuredPassword.isBlank() ? randomPassword() : configuredPassword;
            var user = identity.newUser(ID);
            user.setFirstName("Textback");
            user.setLastName("Admin");
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(ID, Groups.CAMUNDA_ADMIN);
            if (configuredPassword.isBlank()) {
                log.warn(passwordBox(password));
            }
        } else if (!configuredPassword.isBlank() && !identity.checkPassword(ID, configuredPassword)) {
            var user = identity.createUserQuery().userId(ID).singleResult();
            user.setPassword(configuredPassword);
            identity.saveUser(user);
            log.info("Password of user '{}' set from TEXTBACK_ADMIN_PASSWORD", ID);
        }
    }

    private static void ensureAdminGroup(ProcessEngine engine) {
        IdentityService identity = engine.getIdentityService();
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() > 0) {
            return;
        }
        var group = identity.newGroup(Groups.CAMUNDA_ADMIN);
        group.setName("Camunda BPM Administrators");
        group.setType(Groups.GROUP_TYPE_SYSTEM);
        identity.saveGroup(group);
        var authorizations = engine.getAuthorizationService();
        for (Resources resource : Resources.values()) {
            var grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(Groups.CAMUNDA_ADMIN);
            grant.setResource(resource);
            grant.setResourceId(Authorization.ANY);
            grant.addPermission(Permissions.ALL);
            authorizations.saveAuthorization(grant);
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

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
