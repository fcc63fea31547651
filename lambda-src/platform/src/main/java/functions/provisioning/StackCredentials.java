package functions.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import functions.shared.AwsSessions;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The control plane's credentials in a target stack: STS AssumeRole of the stack's control-plane role
 * ({@link StackAccess}), with a session named after the function, so CloudTrail in the tenant's account shows who
 * acted. Cached per role and reused until {@link #REFRESH_BEFORE_EXPIRY} before they expire, the same rule as
 * functions.isolation.TenantCredentials (which is bound to one role and a per-tenant session policy, so it does not
 * fit here). Roles are few (one per pooled tier environment and silo stack), so the cache is unbounded.
 */
public final class StackCredentials {

    /** A call never starts with credentials that could expire while it runs. */
    static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    /** One hour: the most STS grants with role chaining (a Lambda role assuming another), anyway. */
    static final int SESSION_SECONDS = 3600;
    // RoleSessionName: [\w+=,.@-]{2,64}.
    private static final int MAX_SESSION_NAME = 64;

    private final StsClient sts;
    private final String sessionName;
    private final Clock clock;
    private final Map<String, AwsSessionCredentials> byRole = new HashMap<>();

    /** {@code functionName} becomes the session name (cut to STS's 64 characters, other characters as '-'). */
    public StackCredentials(StsClient sts, String functionName, Clock clock) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.sessionName = sessionName(Objects.requireNonNull(functionName, "functionName"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static String sessionName(String functionName) {
        String cleaned = functionName.replaceAll("[^\\w+=,.@-]", "-");
        if (cleaned.length() < 2) {
            cleaned = "saas-control-plane";
        }
        return cleaned.length() > MAX_SESSION_NAME ? cleaned.substring(0, MAX_SESSION_NAME) : cleaned;
    }

    /** A provider resolved on every request (retries included), so a long-lived client refreshes in time. */
    public AwsCredentialsProvider providerFor(String roleArn) {
        Objects.requireNonNull(roleArn, "roleArn");
        return () -> credentials(roleArn);
    }

    /**
     * The role's current credentials, assuming it when none are cached or they are about to expire. Synchronized:
     * a Lambda environment runs one request at a time, so the lock is uncontended there.
     *
     * @throws StackRoleException when STS refuses or fails, with its error code
     */
    public synchronized AwsSessionCredentials credentials(String roleArn) {
        AwsSessionCredentials cached = byRole.get(roleArn);
        if (cached != null && fresh(cached)) {
            return cached;
        }
        AwsSessionCredentials assumed = assume(roleArn);
        byRole.put(roleArn, assumed);
        return assumed;
    }

    private boolean fresh(AwsSessionCredentials credentials) {
        Optional<Instant> expires = credentials.expirationTime();
        return expires.isPresent() && clock.instant().isBefore(expires.get().minus(REFRESH_BEFORE_EXPIRY));
    }

    private AwsSessionCredentials assume(String roleArn) {
        Credentials assumed;
        try {
            assumed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(sessionName)
                    .durationSeconds(SESSION_SECONDS)).credentials();
        } catch (SdkException e) {
            throw new StackRoleException(roleArn, AwsSessions.errorCode(e), e);
        }
        return AwsSessions.credentials(assumed);
    }

    /** STS would not give us the stack's role: names the role and STS's error code. */
    public static final class StackRoleException extends IllegalStateException {

        private final String errorCode;

        StackRoleException(String roleArn, String errorCode, Throwable cause) {
            super("AssumeRole " + roleArn + " failed: " + errorCode, cause);
            this.errorCode = errorCode;
        }

        public String errorCode() {
            return errorCode;
        }

        /** AccessDenied is also what STS answers for a role that does not exist (yet). */
        public boolean accessDenied() {
            return "AccessDenied".equals(errorCode);
        }
    }
}
