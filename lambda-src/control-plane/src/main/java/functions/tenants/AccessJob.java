package functions.tenants;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tenant's latest access job, kept on its TenantDetails item and shown by GET /tenants/{tenantId}: the
 * asynchronous part of a deactivation, activation or offboarding, which disables or enables the tenant's users one
 * page at a time ({@link TenantAccessWorker}). A new deactivation or activation replaces the job (a new
 * {@code jobId}), and the older job's pages stop at their next message.
 *
 * @param jobId     the job's id; pages of any other job are dropped
 * @param target    what the job does to the tenant's users
 * @param state     RUNNING until the last page is recorded, then DONE
 * @param pagesDone pages recorded so far (each once, however often its message is delivered)
 * @param usersDone users those pages held
 * @param lastError the last failure of a page (retried by the queue), null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessJob(String jobId, Target target, State state, int pagesDone, int usersDone, String lastError,
                        String startedAt, String updatedAt) {

    /** What a job does to the users. */
    public enum Target {
        /** Every user disabled in the directory (their own switch untouched). */
        DISABLED,
        /** Every user whose own switch is on enabled in the directory; users disabled in their own right stay so. */
        ENABLED
    }

    /** A job runs until its last page is recorded. */
    public enum State {
        RUNNING,
        DONE
    }

    static final String JOB_ID = "accessJobId";
    static final String TARGET = "accessTarget";
    static final String STATE = "accessState";
    static final String PAGES_DONE = "accessPagesDone";
    static final String USERS_DONE = "accessUsersDone";
    static final String LAST_ERROR = "accessLastError";
    static final String STARTED_AT = "accessStartedAt";
    static final String UPDATED_AT = "accessUpdatedAt";

    /** The TenantDetails changes that start a job (a null value removes the attribute), for TenantRepository.update. */
    static Map<String, AttributeValue> start(String jobId, Target target, String now) {
        Map<String, AttributeValue> changes = new HashMap<>();
        changes.put(JOB_ID, AttributeValue.fromS(jobId));
        changes.put(TARGET, AttributeValue.fromS(target.name()));
        changes.put(STATE, AttributeValue.fromS(State.RUNNING.name()));
        changes.put(PAGES_DONE, AttributeValue.fromN("0"));
        changes.put(USERS_DONE, AttributeValue.fromN("0"));
        changes.put(LAST_ERROR, null);
        changes.put(STARTED_AT, AttributeValue.fromS(now));
        changes.put(UPDATED_AT, AttributeValue.fromS(now));
        return changes;
    }

    /** The job on a TenantDetails item, or null when it has none. */
    static AccessJob fromItem(Map<String, AttributeValue> item) {
        String jobId = Items.s(item, JOB_ID);
        if (jobId == null) {
            return null;
        }
        return new AccessJob(jobId, Target.valueOf(Items.s(item, TARGET)), State.valueOf(Items.s(item, STATE)),
                Items.n(item, PAGES_DONE), Items.n(item, USERS_DONE), Items.s(item, LAST_ERROR),
                Items.s(item, STARTED_AT), Items.s(item, UPDATED_AT));
    }

    /** Writes the job onto a TenantDetails item. */
    void toItem(Map<String, AttributeValue> item) {
        item.putAll(start(jobId, target, startedAt));
        item.remove(LAST_ERROR);
        item.put(STATE, AttributeValue.fromS(state.name()));
        item.put(PAGES_DONE, AttributeValue.fromN(Integer.toString(pagesDone)));
        item.put(USERS_DONE, AttributeValue.fromN(Integer.toString(usersDone)));
        Items.putS(item, LAST_ERROR, lastError);
        Items.putS(item, UPDATED_AT, updatedAt);
    }
}
