package io.textback.recipes;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.calls.CallOutcomes;
import io.textback.messaging.TextingService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * "Send text": texts the caller from the account's default number. Input {@code message} is a
 * template with merge fields; left empty, the account's own message from its settings is used.
 */
@Component("sendText")
class SendTextDelegate implements JavaDelegate {

    static final String INPUT_MESSAGE = "message";

    private final AccountRepository accounts;
    private final TextingService texting;
    private final CallOutcomes outcomes;

    SendTextDelegate(AccountRepository accounts, TextingService texting, CallOutcomes outcomes) {
        this.accounts = accounts;
        this.texting = texting;
        this.outcomes = outcomes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String accountId = (String) execution.getVariable(RecipeContract.ACCOUNT_ID);
        String caller = (String) execution.getVariable(RecipeContract.CALLER);
        if (accountId == null || caller == null) {
            throw new ProcessEngineException("Send text needs the variables 'accountId' and 'caller'");
        }
        Account account = accounts.findById(accountId)
                .orElseThrow(() -> new ProcessEngineException("Send text: no account '" + accountId + "'"));
        Object message = execution.getVariableLocal(INPUT_MESSAGE);
        String template = message == null || message.toString().isBlank()
                ? account.settings().messageTemplate() : message.toString();
        var sent = texting.send(new TextingService.Request(sendKey(execution), account, caller, template,
                (String) execution.getVariable(RecipeContract.CALL_SID), execution.getProcessInstanceId()));
        outcomes.textResult((String) execution.getVariable(RecipeContract.CALL_SID), sent);
        execution.setVariable(RecipeContract.TEXT_STATUS, sent.status());
        execution.setVariable(RecipeContract.TEXT_MESSAGE_ID, sent.id());
    }

    /** The job is the same across its retries and new for every visit of the task, so it names the attempt. */
    private static String sendKey(DelegateExecution execution) {
        var commandContext = Context.getCommandContext();
        if (commandContext != null && commandContext.getCurrentJob() != null) {
            return "job:" + commandContext.getCurrentJob().getId();
        }
        return "activity:" + execution.getActivityInstanceId();
    }
}
