package functions.provisioning;

import functions.shared.AwsSessions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The control plane's credentials in a target stack: STS AssumeRole of the stack's control-plane role
 * ({@link StackAccess}), with a session named after the function, so CloudTrail in the tenant's account shows who
 * acted. One SDK {@link StsAssumeRoleCredentialsProvider} per role keeps the session and assumes the role again once it
 * is within {@link #REFRESH_BEFORE_EXPIRY} of expiring, the same rule as functions.isolation.TenantCredentials (which
 * is bound to one role and a per-tenant session policy, so it does not fit here). Roles are few (one per pooled tier
 * environment and silo stack), so the providers are not bounded.
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
    private final int sessionSeconds;
    private final Map<String, StsAssumeRoleCredentialsProvider> byRole = new ConcurrentHashMap<>();

    /** {@code functionName} becomes the session name (cut to STS's 64 characters, other characters as '-'). */
    public StackCredentials(StsClient sts, String functionName) {
        this(sts, functionName, SESSION_SECONDS);
    }

    /** @param sessionSeconds {@link #SESSION_SECONDS}; tests ask for shorter sessions to cross the refresh margin */
    StackCredentials(StsClient sts, String functionName, int sessionSeconds) {
        this.sts = Objects.requireNonNull(sts, "sts");
        this.sessionName = sessionName(Objects.requireNonNull(functionName, "functionName"));
        this.sessionSeconds = sessionSeconds;
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
     * The role's current credentials, assuming it when none are kept or they are about to expire.
     *
     * @throws StackRoleException when STS refuses or fails, with its error code
     */
    public AwsSessionCredentials credentials(String roleArn) {
        StsAssumeRoleCredentialsProvider provider = byRole.computeIfAbsent(roleArn, this::sessionProvider);
        try {
            return (AwsSessionCredentials) provider.resolveCredentials();
        } catch (SdkException e) {
            throw new StackRoleException(roleArn, AwsSessions.errorCode(e), e);
        }
    }

    private StsAssumeRoleCredentialsProvider sessionProvider(String roleArn) {
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName).durationSeconds(sessionSeconds))
                .staleTime(REFRESH_BEFORE_EXPIRY)
                .prefetchTime(REFRESH_BEFORE_EXPIRY)
                .build();
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
