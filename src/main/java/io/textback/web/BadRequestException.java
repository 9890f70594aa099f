package io.textback.web;

/** Input that cannot be accepted: answered with 400 naming the field and the reason. */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
