package functions.shared;

/** The request is malformed: 400. The message always starts with the offending field's name. */
public final class ValidationException extends ApiException {

    private final String field;

    public ValidationException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public int statusCode() {
        return 400;
    }

    @Override
    public String errorCode() {
        return "ValidationError";
    }
}
