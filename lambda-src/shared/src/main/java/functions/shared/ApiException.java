package functions.shared;

/**
 * A failure the caller caused or is told about; each subclass is one HTTP status, mapped once in
 * {@link ApiResponses#error(ApiException)}.
 */
public abstract sealed class ApiException extends RuntimeException
        permits ValidationException, UnauthorizedException, ForbiddenException, NotFoundException,
                MethodNotAllowedException, ConflictException, TooManyRequestsException {

    protected ApiException(String message) {
        // Expected control flow, never shown to the caller with a trace: skip the costly stack capture.
        super(message, null, false, false);
    }

    /** HTTP status code of this failure class. */
    public abstract int statusCode();

    /** Stable machine-readable name, the {@code error} field of the response body. */
    public abstract String errorCode();
}
