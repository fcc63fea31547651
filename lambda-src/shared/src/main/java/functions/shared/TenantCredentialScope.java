package functions.shared;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Which credentials sign a tenant's data calls. {@link ShardedTenantTable} asks once per request, so a pooled
 * function can sign every call with credentials that only reach the caller's own keys while sharing one client.
 */
@FunctionalInterface
public interface TenantCredentialScope {

    /** Silo functions (and tests): every call signed by the client's own credentials, the function's role. */
    TenantCredentialScope FUNCTION_ROLE = tenant -> Optional.empty();

    /** The credentials for {@code tenant}'s calls; empty to use the client's own. */
    Optional<AwsCredentialsProvider> credentialsFor(TenantId tenant);
}
