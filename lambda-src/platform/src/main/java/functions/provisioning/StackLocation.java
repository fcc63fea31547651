package functions.provisioning;

import contract.Tier;
import java.util.Objects;

/**
 * Where a tenant's resources live: the CloudFormation stack (a pooled tier's or the tenant's silo stack) and its
 * account and region. Recorded on the tenant (TenantDetails {@code stackName}, {@code stackAccount},
 * {@code stackRegion}) so every later operation reaches the same stack.
 */
public record StackLocation(String stackName, AccountRegion env) {

    public StackLocation {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(env, "env");
    }

    public static StackLocation pooled(Tier tier, AccountRegion env) {
        return new StackLocation(StackAccess.pooledStackName(tier), env);
    }

    public static StackLocation silo(String tenantId, AccountRegion env) {
        return new StackLocation(StackAccess.siloStackName(tenantId), env);
    }

    public String account() {
        return env.account();
    }

    public String region() {
        return env.region();
    }

    /** The control-plane role of this stack (see {@link StackAccess}). */
    public String roleArn() {
        return StackAccess.roleArn(account(), region(), stackName);
    }

    @Override
    public String toString() {
        return "stack " + stackName + " in " + env;
    }
}
