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
 * hours and the engine's clock) for a gateway to ask, and {@code nextOpening} (a date) for a timer
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
        String accountId = RecipeContract.ACCOUNT_ID.from(execution).orElseThrow(() ->
                new ProcessEngineException("Business hours? needs the variable '" + RecipeContract.ACCOUNT_ID + "'"));
        Account account = check.account(accountId);
        BusinessHours hours = check.hoursOf(account);
        var now = BusinessHoursCheck.now();
        RecipeContract.IN_BUSINESS_HOURS.set(execution, hours.isOpen(now));
        RecipeContract.NEXT_OPENING.set(execution, hours.nextOpening(now).map(opens -> opens.toInstant()).orElse(now));
    }
}
