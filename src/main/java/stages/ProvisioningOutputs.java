package stages;

import contract.Output;
import java.util.List;

import app.AwsEnv;
import constructs.ControlPlaneAccess;
import constructs.TenantServices;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;

/**
 * What the control plane needs of a pooled tier or silo stack to provision tenants into it, published as stack
 * outputs that it reads with {@code DescribeStacks} through the stack's {@link ControlPlaneAccess} role
 * ({@code lambda-src} {@code functions.provisioning}): no settings to copy by hand, and a redeployed stack is
 * picked up by itself. The output keys are the contract with that code.
 */
final class ProvisioningOutputs {

    static final String USER_POOL_ID = Output.USER_POOL_ID.key();
    static final String APP_CLIENT_ID = Output.APP_CLIENT_ID.key();
    static final String USAGE_PLAN_ID = Output.USAGE_PLAN_ID.key();
    static final String API_KEYS_TABLE = Output.TENANT_API_KEYS_TABLE.key();
    static final String SHARD_COUNT = Output.SHARD_COUNT.key();
    /**
     * The tenant tables as {@code <logicalName>=<tableName>} joined by {@code ,} (lambda-src
     * functions.provisioning.StackResources.TENANT_TABLES): the usage collector counts each tenant's items there.
     * The logical names are the construct ids, stable for the table's life.
     */
    static final String TENANT_TABLES = Output.TENANT_TABLES.key();

    private ProvisioningOutputs() {
    }

    /** Who may provision into {@code stack}: the baseline's provisioning roles, through the stack's named role. */
    static ControlPlaneAccess.Trust trust(String fleet, String stackName, AwsEnv stackEnv, AwsEnv controlPlane) {
        return new ControlPlaneAccess.Trust(StackNames.controlPlaneAccessRoleName(stackName, stackEnv.region()),
                controlPlane.account(), ControlPlane.provisioningRoleArns(fleet, controlPlane));
    }

    static void publish(Stack stack, TenantServices services, int shardCount) {
        output(stack, USER_POOL_ID, services.userPool().userPool().getUserPoolId(), "Cognito user pool of the tenants");
        output(stack, APP_CLIENT_ID, services.userPool().client().getUserPoolClientId(), "App client of the pool");
        output(stack, USAGE_PLAN_ID, services.api().usagePlan().getUsagePlanId(), "Usage plan tenant keys join");
        output(stack, API_KEYS_TABLE, services.apiKeyTable().table().getTableName(),
                "Table of each tenant's API key value, read by the authorizer");
        output(stack, SHARD_COUNT, Integer.toString(shardCount), "Shards per tenant in the product and order tables");
        output(stack, TENANT_TABLES, tenantTables(services),
                "Tenant tables (logical name=table name) whose items the usage collector counts per tenant");
    }

    static String tenantTables(TenantServices services) {
        return String.join(",", services.tenantTables().stream()
                .map(t -> t.getNode().getId() + "=" + t.table().getTableName()).toList());
    }

    private static void output(Stack stack, String key, String value, String description) {
        CfnOutput.Builder.create(stack, key).value(value).description(description).build();
    }

    static List<String> keys() {
        return List.of(USER_POOL_ID, APP_CLIENT_ID, USAGE_PLAN_ID, API_KEYS_TABLE, SHARD_COUNT, TENANT_TABLES);
    }
}
