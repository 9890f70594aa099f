package io.textback.system;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Input the product cannot take, naming each bad field and why, so that a form can mark them all at
 * once. The one way any layer says "these fields are wrong"; the JSON API answers it with 400, or
 * 409 when a value clashes with what exists, or 413 when it is too large.
 */
public class InvalidInput extends RuntimeException {

    /** The wording for a field that is missing, the same wherever it is missing. */
    public static final String REQUIRED = "is required";
    /** For Bean Validation's {@code @Size(max = ...)} on a text, in the words of a message that is too long. */
    public static final String AT_MOST_MAX_CHARACTERS = "must be at most {max} characters";

    public enum Kind { INVALID, CONFLICT, TOO_LARGE }

    /** One bad field: its name as the request spells it ({@code days.MONDAY}, {@code numbers[1]}) and why. */
    public record FieldError(String field, String reason) {
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        this(Kind.INVALID, errors);
    }

    public InvalidInput(String field, String reason) {
        this(Kind.INVALID, List.of(new FieldError(field, reason)));
    }

    private InvalidInput(Kind kind, List<FieldError> errors) {
        // An expected answer to a person's input, not a fault: no stack trace to fill.
        super(String.join("; ", errors.stream().map(e -> e.field() + ": " + e.reason()).toList()), null, false,
                false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("invalid input needs at least one field error");
        }
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    /** The value is well formed but clashes with what exists (an id or a number already taken). */
    public static InvalidInput conflict(String field, String reason) {
        return new InvalidInput(Kind.CONFLICT, List.of(new FieldError(field, reason)));
    }

    public static InvalidInput tooLarge(String field, String reason) {
        return new InvalidInput(Kind.TOO_LARGE, List.of(new FieldError(field, reason)));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The errors of a whole form, collected before it is refused. */
    public static final class Errors {

        private final List<FieldError> errors = new ArrayList<>();

        public Errors add(String field, String reason) {
            errors.add(new FieldError(field, reason));
            return this;
        }

        /** The step's value, or null with its field errors collected when it refuses its input. */
        public <T> T check(Supplier<T> step) {
            try {
                return step.get();
            } catch (InvalidInput e) {
                errors.addAll(e.errors());
                return null;
            }
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        public List<FieldError> list() {
            return List.copyOf(errors);
        }

        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
        }
    }
}
