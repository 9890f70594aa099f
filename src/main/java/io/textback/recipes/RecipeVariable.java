package io.textback.recipes;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * One process variable of the recipe contract: its name, the Java type recipes' code sees, and the
 * engine's type it is stored as (a text, a number, a boolean, a date), so that no code casts a
 * variable or parses it by hand. Reading is lenient where earlier versions stored a variable
 * differently: a date also accepts the ISO-8601 text that instances started before it hold.
 */
public final class RecipeVariable<T> {

    private final String name;
    private final String kind;
    private final Function<Object, T> read;
    private final Function<T, TypedValue> write;

    private RecipeVariable(String name, String kind, Function<Object, T> read, Function<T, TypedValue> write) {
        this.name = name;
        this.kind = kind;
        this.read = read;
        this.write = write;
    }

    /** A text, stored as a string variable. */
    public static RecipeVariable<String> string(String name) {
        return new RecipeVariable<>(name, "a text", Object::toString, Variables::stringValue);
    }

    /** A whole number, stored as an integer variable. */
    public static RecipeVariable<Integer> integer(String name) {
        return new RecipeVariable<>(name, "a whole number", value -> value instanceof Number n ? Integer.valueOf(
                Math.toIntExact(n.longValue())) : Integer.valueOf(value.toString().trim()), Variables::integerValue);
    }

    /** A whole number that may be large (an id), stored as a long variable. */
    public static RecipeVariable<Long> longInteger(String name) {
        return new RecipeVariable<>(name, "a whole number", value -> value instanceof Number n ? n.longValue()
                : Long.valueOf(value.toString().trim()), Variables::longValue);
    }

    /** True or false, stored as a boolean variable. */
    public static RecipeVariable<Boolean> bool(String name) {
        return new RecipeVariable<>(name, "true or false", RecipeVariable::toBoolean, Variables::booleanValue);
    }

    /**
     * A moment, stored as a date variable (Cockpit shows and edits it as a date; a timer's
     * {@code timeDate} takes it as it is). Reads an ISO-8601 text too, as earlier versions stored it.
     */
    public static RecipeVariable<Instant> instant(String name) {
        return new RecipeVariable<>(name, "a date", RecipeVariable::toInstant,
                value -> Variables.dateValue(value == null ? null : Date.from(value)));
    }

    public String name() {
        return name;
    }

    /** Its value as the execution, task listener or expression's scope sees it (its own and its parents'). */
    public Optional<T> from(VariableScope scope) {
        return convert(scope.getVariable(name));
    }

    /** Its value among the variables an external task was fetched with (name it in the fetch). */
    public Optional<T> from(LockedExternalTask task) {
        return from(task.getVariables());
    }

    /** Its value in a map of variables, such as a process instance's ({@code RuntimeService#getVariables}). */
    public Optional<T> from(Map<String, ?> variables) {
        return convert(variables == null ? null : variables.get(name));
    }

    /** Sets it on the scope, with its engine type. */
    public void set(VariableScope scope, T value) {
        scope.setVariable(name, typed(value));
    }

    /** Puts it into variables that start, correlate or complete something; answers the same map. */
    public VariableMap on(VariableMap variables, T value) {
        variables.putValueTyped(name, typed(value));
        return variables;
    }

    /** The value as the engine stores it. */
    public TypedValue typed(T value) {
        return write.apply(value);
    }

    private Optional<T> convert(Object value) {
        if (value instanceof TypedValue typed) {
            value = typed.getValue();
        }
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(read.apply(value));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Variable '" + name + "' must be " + kind + ", but is '" + value
                    + "' (" + value.getClass().getSimpleName() + ")", e);
        }
    }

    private static Boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException("not true or false");
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        String text = value.toString().trim();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
