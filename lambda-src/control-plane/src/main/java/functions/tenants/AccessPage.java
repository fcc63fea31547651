package functions.tenants;

import java.util.Objects;

/**
 * One message of the tenant access queue: page {@code page} of job {@code jobId}, the users whose user name sorts
 * after {@code after} (null: from the first).
 */
public record AccessPage(String tenantId, String jobId, AccessJob.Target target, int page, String after) {

    public AccessPage {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(target, "target");
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, got " + page);
        }
    }

    /** The first page of a job. */
    static AccessPage first(String tenantId, String jobId, AccessJob.Target target) {
        return new AccessPage(tenantId, jobId, target, 0, null);
    }

    /** The page after this one, starting after {@code lastUserName}. */
    AccessPage next(String lastUserName) {
        return new AccessPage(tenantId, jobId, target, page + 1, Objects.requireNonNull(lastUserName));
    }

    /**
     * The queue's deduplication id: one per page of a job, so a page enqueued twice (a worker retried after
     * sending it) is delivered once within SQS's five-minute deduplication interval.
     */
    String deduplicationId() {
        return jobId + "-" + page;
    }
}
