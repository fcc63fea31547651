package functions.tenants;

/** Where the pages of access jobs wait for {@link TenantAccessWorker}: in AWS an SQS FIFO queue ({@link SqsAccessQueue}). */
public interface AccessQueue {

    void send(AccessPage page);

    /** A queue for functions that start no access job: sending is a configuration fault naming the variable. */
    static AccessQueue notConfigured(String variable) {
        return page -> {
            throw new IllegalStateException(variable + " is not set: this function cannot start tenant access jobs");
        };
    }
}
