package functions.shared;

/**
 * The request is well formed but clashes with the current state (a name already registered, an idempotency key
 * reused with another body, a tenant in the wrong status): 409. Like a 400, the message starts with the field.
 */
public final class ConflictException extends ApiException {

    private final String field;

    public ConflictException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public int statusCode() {
        return 409;
    }

    @Override
    public String errorCode() {
        return "Conflict";
    }
}
