package io.textback.recipes;

import io.textback.hours.BusinessHours;
import io.textback.hours.BusinessHoursCheck;
import io.textback.accounts.Account;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Business hours?": sets {@code inBusinessHours} (true while the account is open, by its business
 * hours and the engine's clock) for a gateway to ask, and {@code nextOpening} (ISO-8601) for a timer
 * that waits until the business opens; a business that is never open gives "now", so nothing waits forever.
 */
@Component("checkBusinessHours")
class CheckBusinessHoursDelegate implements JavaDelegate {

    private final BusinessHoursCheck check;

    CheckBusinessHoursDelegate(BusinessHoursCheck check) {
        this.check = check;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object accountId = execution.getVariable(RecipeContract.ACCOUNT_ID);
        if (accountId == null) {
            throw new ProcessEngineException("Business hours? needs the variable 'accountId'");
        }
        Account account = check.account(accountId.toString());
        BusinessHours hours = check.hoursOf(account);
        var now = BusinessHoursCheck.now();
        execution.setVariable(RecipeContract.IN_BUSINESS_HOURS, hours.isOpen(now));
        execution.setVariable(RecipeContract.NEXT_OPENING,
                hours.nextOpening(now).map(opens -> opens.toInstant()).orElse(now).toString());
    }
}
