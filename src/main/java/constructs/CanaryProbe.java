package constructs;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * What lets the fleet's canary validation send a canary tenant real traffic (scripts/validate-canary.sh): a role,
 * assumable only by the pipelines' ValidateCanary roles, that may create the tenant's probe user in its pool, give it
 * a password and sign it in (ADMIN_USER_PASSWORD_AUTH), and nothing else; the pool's app client then accepts that
 * admin-only flow. The probe user is an ordinary {@code TenantUser} of the tenant, so its requests pass the same
 * authorizer, API key and usage plan as the tenant's own.
 */
public final class CanaryProbe extends Construct {

    /** The probe user's sign-in name in the tenant's pool (an address in the reserved .invalid domain). */
    public static String userName(String tenantId) {
        return "canary-probe@" + tenantId + ".invalid";
    }

    /**
     * @param pool      the canary tenant's pool (required)
     * @param roleName  the probe role's fixed name, which the ValidateCanary step's policy names (required)
     * @param account   the pipelines' account (required)
     * @param callers   the ValidateCanary roles that may assume the probe role, by ARN (required, not empty)
     */
    public record Props(TenantUserPool pool, String roleName, String account, List<String> callers) {
        public Props {
            Objects.requireNonNull(pool, "CanaryProbe: pool is required");
            Objects.requireNonNull(roleName, "CanaryProbe: roleName is required");
            Objects.requireNonNull(account, "CanaryProbe: account is required");
            callers = List.copyOf(Objects.requireNonNull(callers, "CanaryProbe: callers is required"));
            if (callers.isEmpty()) {
                throw new IllegalArgumentException("CanaryProbe: callers must name at least one role");
            }
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private TenantUserPool pool;
            private String roleName;
            private String account;
            private List<String> callers;

            private Builder() {
            }

            public Builder pool(TenantUserPool pool) { this.pool = pool; return this; }
            public Builder roleName(String roleName) { this.roleName = roleName; return this; }
            public Builder account(String account) { this.account = account; return this; }
            public Builder callers(List<String> callers) { this.callers = callers; return this; }

            public Props build() {
                return new Props(pool, roleName, account, callers);
            }
        }
    }

    private final Role role;

    public CanaryProbe(Construct scope, String id, Props props) {
        super(scope, id);
        props.pool().allowAdminPasswordAuth();
        // The trusted roles are in another account; naming them in the condition (not as principals) keeps the
        // trust valid while a pipeline's role is replaced, as ControlPlaneAccess does.
        this.role = Role.Builder.create(this, "Role")
                .roleName(props.roleName())
                .assumedBy(new AccountPrincipal(props.account()).withConditions(Map.of(
                        "ArnEquals", Map.of("aws:PrincipalArn", props.callers()))))
                .description("Canary validation: signs the tenant's probe user in to send it synthetic requests")
                .maxSessionDuration(Duration.hours(1))
                .build();
        // AdminCreateUser could name any user; no condition key narrows it, so the role is limited to this one pool
        // of this one canary tenant, and its callers to the validation step (docs/SECURITY.md, "Canary probe").
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("cognito-idp:AdminCreateUser", "cognito-idp:AdminSetUserPassword",
                        "cognito-idp:AdminInitiateAuth"))
                .resources(List.of(props.pool().userPool().getUserPoolArn()))
                .build());
    }

    public Role role() {
        return role;
    }
}
