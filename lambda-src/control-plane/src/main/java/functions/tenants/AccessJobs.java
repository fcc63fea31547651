package functions.tenants;

import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The progress of access jobs on TenantDetails items ({@link AccessJob}'s attributes). Every write names the job
 * and, for a page, the page count it expects, so a superseded job never writes over its successor and a page
 * delivered twice is counted once.
 */
final class AccessJobs {

    private static final int MAX_ERROR = 500;

    private final DynamoDbClient dynamo;
    private final String tableName;

    AccessJobs(DynamoDbClient dynamo, String tableName) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * Records page {@code page} of the job with {@code users} users (and the job DONE when {@code last}), if the job
     * is still the tenant's and has recorded exactly {@code page} pages; false when it is not (superseded, or this
     * page was recorded already).
     */
    boolean recordPage(String tenantId, String jobId, int page, int users, boolean last, String now) {
        try {
            dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(TenantRepository.KEY, AttributeValue.fromS(tenantId)))
                    .updateExpression("SET #pages = :next, #users = #users + :n, #updated = :now, #state = :state"
                            + " REMOVE #error")
                    .conditionExpression("#job = :job AND #pages = :page")
                    .expressionAttributeNames(Map.of("#pages", AccessJob.PAGES_DONE, "#users", AccessJob.USERS_DONE,
                            "#updated", AccessJob.UPDATED_AT, "#state", AccessJob.STATE, "#error",
                            AccessJob.LAST_ERROR, "#job", AccessJob.JOB_ID))
                    .expressionAttributeValues(Map.of(
                            ":next", AttributeValue.fromN(Integer.toString(page + 1)),
                            ":n", AttributeValue.fromN(Integer.toString(users)),
                            ":now", AttributeValue.fromS(now),
                            ":state", AttributeValue.fromS((last ? AccessJob.State.DONE : AccessJob.State.RUNNING)
                                    .name()),
                            ":job", AttributeValue.fromS(jobId),
                            ":page", AttributeValue.fromN(Integer.toString(page)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Notes a page's failure on the job, if it is still the tenant's; the queue retries the page. */
    void recordError(String tenantId, String jobId, String error, String now) {
        String message = error == null ? "unknown error" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR)
                : error;
        try {
            dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(TenantRepository.KEY, AttributeValue.fromS(tenantId)))
                    .updateExpression("SET #error = :e, #updated = :now")
                    .conditionExpression("#job = :job")
                    .expressionAttributeNames(Map.of("#error", AccessJob.LAST_ERROR, "#updated",
                            AccessJob.UPDATED_AT, "#job", AccessJob.JOB_ID))
                    .expressionAttributeValues(Map.of(":e", AttributeValue.fromS(message),
                            ":now", AttributeValue.fromS(now), ":job", AttributeValue.fromS(jobId))));
        } catch (ConditionalCheckFailedException superseded) {
            // A newer job owns the status now.
        }
    }
}
