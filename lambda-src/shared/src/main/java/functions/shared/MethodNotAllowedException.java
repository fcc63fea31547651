package functions.shared;

/** The resource exists but not with this HTTP method: 405. */
public final class MethodNotAllowedException extends ApiException {

    public MethodNotAllowedException(String message) {
        super(message);
    }

    @Override
    public int statusCode() {
        return 405;
    }

    @Override
    public String errorCode() {
        return "MethodNotAllowed";
    }
}
