package functions.shared;

/** A known tenant calling a function it may not use (another tenant's silo): 403. */
public final class ForbiddenException extends ApiException {

    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public int statusCode() {
        return 403;
    }

    @Override
    public String errorCode() {
        return "Forbidden";
    }
}
