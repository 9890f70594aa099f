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
 * "Send text" as version 1 of its element template made it: {@code ${sendText}} run by a job
 * thread. Kept so that recipes deployed before version 2, and their instances in flight, still
 * send after an upgrade (with the same send keys, so nothing is sent twice); the lint asks for
 * version 2, which sends through {@link SendTextWorker} without holding a job thread.
 */
@Component("sendText")
class SendTextDelegate implements JavaDelegate {

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
        String accountId = RecipeContract.ACCOUNT_ID.from(execution).orElse(null);
        String caller = RecipeContract.CALLER.from(execution).orElse(null);
        if (accountId == null || caller == null) {
            throw new ProcessEngineException("Send text needs the variables 'accountId' and 'caller'");
        }
        String callSid = MissedCallStart.CALL_SID.from(execution).orElse(null);
        Account account = accounts.findById(accountId)
                .orElseThrow(() -> new ProcessEngineException("Send text: no account '" + accountId + "'"));
        Object message = execution.getVariableLocal(SendTextTask.INPUT_MESSAGE);
        String template = message == null || message.toString().isBlank()
                ? account.settings().messageTemplate() : message.toString();
        var job = Context.getCommandContext() == null ? null : Context.getCommandContext().getCurrentJob();
        String sendKey = job != null ? "job:" + job.getId() : "activity:" + execution.getActivityInstanceId();
        var attempt = texting.attempt(new TextingService.Request(sendKey, account, caller, template, callSid,
                execution.getProcessInstanceId()));
        var sent = texting.record(attempt);
        outcomes.textResult(callSid, sent);
        RecipeContract.TEXT_STATUS.set(execution, sent.status());
        RecipeContract.TEXT_MESSAGE_ID.set(execution, sent.id());
    }
}
