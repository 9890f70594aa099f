package io.textback.accounts;

import java.util.ArrayList;
import java.util.List;

import io.textback.system.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** Creates the configured accounts that do not exist yet. */
@Component
class StartupAccounts {

    private static final Logger log = LoggerFactory.getLogger(StartupAccounts.class);

    private final AccountProperties properties;
    private final AccountService service;
    private final AccountRepository repository;

    StartupAccounts(AccountProperties properties, AccountService service, AccountRepository repository) {
        this.properties = properties;
        this.service = service;
        this.repository = repository;
    }

    @EventListener(ApplicationStartedEvent.class)
    void createMissingAccounts() {
        var wanted = new ArrayList<NewAccount>();
        var demo = properties.demoAccount();
        if (demo != null && demo.enabled()) {
            wanted.add(new NewAccount(demo.id(), demo.businessName(), List.of(demo.number()), demo.number(),
                    demo.forwardingNumbers(), null));
        }
        wanted.addAll(properties.accounts());
        for (NewAccount account : wanted) {
            if (repository.exists(account.id())) {
                continue;
            }
            try {
                service.create(account);
                log.info("Created account '{}' ({}) for number {}", account.id(), account.businessName(),
                        account.numbers());
            } catch (DuplicateKeyException e) {
                log.debug("Account '{}' was created by another node", account.id());
            } catch (InvalidInput e) {
                log.error("Account '{}' from configuration not created: {}", account.id(), e.getMessage());
            }
        }
    }
}
