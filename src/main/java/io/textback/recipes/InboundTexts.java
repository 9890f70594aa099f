package io.textback.recipes;

import io.textback.autoreply.AutoReplyRepository;
import java.util.Optional;

import io.textback.accounts.Account;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second start contract: a text to one of an account's numbers starts the account's auto-reply
 * recipe (when switched on) through its message start event, with the variables of {@link InboundTextStart}.
 */
@Component
public class InboundTexts {

    private static final Logger log = LoggerFactory.getLogger(InboundTexts.class);

    private final AutoReplyRepository settings;
    private final AutoReplyRecipes recipes;
    private final RuntimeService runtime;
    private final TransactionTemplate ownTransaction;

    InboundTexts(AutoReplyRepository settings, AutoReplyRecipes recipes, RuntimeService runtime,
                 PlatformTransactionManager transactionManager) {
        this.settings = settings;
        this.recipes = recipes;
        this.runtime = runtime;
        // A broken auto-reply recipe must not undo what the text did elsewhere (STOP, ending waiting recipes).
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The started instance, or empty when auto-reply is off, its recipe is not deployed, or the recipe
     * failed to start (logged with the reason; the text is still handled as any other).
     */
    public Optional<ProcessInstance> received(Account account, String from, String to, String body) {
        var autoReply = settings.find(account.id());
        if (!autoReply.enabled()) {
            return Optional.empty();
        }
        var definition = recipes.latest(autoReply.recipeKey());
        if (definition.isEmpty()) {
            log.warn("Account {} has auto-reply on, but recipe '{}' is not deployed with a start event for {}",
                    account.id(), autoReply.recipeKey(), InboundTextStart.START_MESSAGE);
            return Optional.empty();
        }
        var start = new InboundTextStart(account.id(), from, to, body, ClockUtil.getCurrentTime().toInstant());
        try {
            return Optional.of(ownTransaction.execute(tx -> runtime
                    .createMessageCorrelation(InboundTextStart.START_MESSAGE)
                    .processDefinitionId(definition.get().getId())
                    // Cockpit finds a texter's auto-replies by their number.
                    .processInstanceBusinessKey(from)
                    .setVariables(start.toVariables())
                    .correlateStartMessage()));
        } catch (RuntimeException e) {
            log.error("Auto-reply recipe '{}' of account {} could not start for a text from {}: {}",
                    autoReply.recipeKey(), account.id(), from, e.getMessage(), e);
            return Optional.empty();
        }
    }
}
