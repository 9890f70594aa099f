package io.textback.system;

/** What a request names does not exist (an account, a contact, a recipe); the JSON API answers 404. */
public class NotFound extends RuntimeException {

    public NotFound(String detail) {
        super(detail, null, false, false);
    }
}
