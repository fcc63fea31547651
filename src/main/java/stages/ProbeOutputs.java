package stages;

import java.util.List;

import app.SiloTenant;
import constructs.CanaryProbe;
import constructs.TenantServices;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;

/**
 * What scripts/validate-canary.sh needs of a canary tenant stack to send it synthetic requests, published as stack
 * outputs it reads with DescribeStacks through the account's CDK lookup role (with the pool's UserPoolId and
 * AppClientId of {@link ProvisioningOutputs}). The output keys are the contract with the script.
 */
final class ProbeOutputs {

    static final String API_URL = "ProbeApiUrl";
    static final String TENANT_ID = "ProbeTenantId";
    static final String TIER = "ProbeTier";
    static final String USER_NAME = "ProbeUserName";

    private ProbeOutputs() {
    }

    static void publish(Stack stack, TenantServices services, SiloTenant tenant, CanaryProbe probe) {
        publish(stack, services, tenant.tenantId(), tenant.tier(), probe);
    }

    /** For a pooled tier: its probe tenant ({@link StackNames#probeTenantId}). */
    static void publish(Stack stack, TenantServices services, String tenantId, contract.Tier tier, CanaryProbe probe) {
        output(stack, API_URL, services.api().api().getUrl(), "Tenant API the canary probe reads through");
        output(stack, TENANT_ID, tenantId, "Tenant of the canary probe user (custom:tenantId)");
        // The claim value the control plane gives the tenant's users (functions.tenants.TenantUsers: tier.name()).
        output(stack, TIER, tier.name(), "Tier of the canary probe user (custom:tier)");
        output(stack, USER_NAME, CanaryProbe.userName(tenantId), "Sign-in name of the canary probe user");
    }

    private static void output(Stack stack, String key, String value, String description) {
        CfnOutput.Builder.create(stack, key).value(value).description(description).build();
    }

    static List<String> keys() {
        return List.of(API_URL, TENANT_ID, TIER, USER_NAME);
    }
}
