package functions.offboard;

/**
 * The run failed or was stopped by the blast-radius limit; thrown by the handler so the invocation returns a
 * {@code FunctionError} that the pipeline step checks. The message is the short summary; the log has the rest.
 */
final class OffboardFailedException extends RuntimeException {

    OffboardFailedException(String message) {
        // No stack trace: it would only show the handler, and Lambda returns it to the pipeline's log.
        super(message, null, false, false);
    }
}
