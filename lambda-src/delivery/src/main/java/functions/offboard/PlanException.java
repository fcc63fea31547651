package functions.offboard;

/** The fleet plan cannot be trusted; the message names the pipeline and stack at fault. Nothing is deleted. */
final class PlanException extends RuntimeException {

    PlanException(String message) {
        // No stack trace: the message says everything, and Lambda returns the trace to the pipeline's log.
        super("fleet plan rejected, nothing deleted: " + message, null, false, false);
    }
}
