package io.textback.accounts;

import java.util.List;

import io.textback.system.InvalidInput;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What it takes to create an account; the first number is the default sender unless one is named,
 * and the account runs the built-in recipe unless another recipe key is named.
 */
public record NewAccount(
        @NotBlank(message = InvalidInput.REQUIRED)
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be lowercase letters, digits and dashes")
        String id,
        @NotBlank(message = InvalidInput.REQUIRED) @Size(max = 200, message = InvalidInput.AT_MOST_MAX_CHARACTERS)
        String businessName,
        @NotEmpty(message = InvalidInput.REQUIRED) List<String> numbers,
        String defaultNumber,
        List<String> forwardingNumbers,
        @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_.-]*", message = "must be a process definition key") String recipeKey) {
}
