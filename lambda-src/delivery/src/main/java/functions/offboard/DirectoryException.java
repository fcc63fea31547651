package functions.offboard;

import java.util.Objects;

/**
 * An AWS call of a {@link FleetStackDirectory} failed.
 *
 * @see #errorCode() AWS's error code ({@code AccessDenied}, {@code ValidationError}, ...) or, when no service
 *      answered, the client-side exception's simple class name
 */
final class DirectoryException extends RuntimeException {

    private final String errorCode;

    DirectoryException(String operation, String errorCode, String detail, Throwable cause) {
        super(operation + " failed: " + errorCode + (detail == null || detail.isBlank() ? "" : ": " + detail), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    String errorCode() {
        return errorCode;
    }
}
