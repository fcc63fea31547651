package functions.shared;

/** No usable tenant identity on the request: 401. */
public final class UnauthorizedException extends ApiException {

    public UnauthorizedException(String message) {
        super(message);
    }

    @Override
    public int statusCode() {
        return 401;
    }

    @Override
    public String errorCode() {
        return "Unauthorized";
    }
}
