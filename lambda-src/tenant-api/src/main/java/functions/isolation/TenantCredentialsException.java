package functions.isolation;

import functions.shared.TenantId;

/**
 * STS refused or failed to issue a tenant's scoped credentials. Not a caller error: the request fails as a 500
 * (logged with this message), and no data call is made with any other credentials instead.
 */
public final class TenantCredentialsException extends RuntimeException {

    private final String errorCode;

    TenantCredentialsException(TenantId tenant, String roleArn, String errorCode, Throwable cause) {
        super("AssumeRole " + roleArn + " for tenant " + tenant.value() + " failed: " + errorCode
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.errorCode = errorCode;
    }

    /** The STS error code ({@code AccessDenied}, {@code PackedPolicyTooLarge}, ...) or the client exception's name. */
    public String errorCode() {
        return errorCode;
    }
}
