package io.textback.settings;

import java.util.List;

/** Every field of a settings request that cannot be accepted, so the page can mark them all at once. */
public class InvalidSettingsException extends RuntimeException {

    public record InvalidField(String field, String reason) {
    }

    private final List<InvalidField> fields;

    public InvalidSettingsException(List<InvalidField> fields) {
        super(String.join("; ", fields.stream().map(f -> f.field() + ": " + f.reason()).toList()));
        this.fields = List.copyOf(fields);
    }

    public InvalidSettingsException(String field, String reason) {
        this(List.of(new InvalidField(field, reason)));
    }

    public List<InvalidField> fields() {
        return fields;
    }
}
