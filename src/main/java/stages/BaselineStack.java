package stages;

import java.util.Objects;

import app.AwsEnv;
import constructs.DataKey;
import constructs.DataTable;
import constructs.TenantApi;
import constructs.TenantUserPool;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.constructs.Construct;

/**
 * The control plane, one per fleet: the tenant registry tables, the operations user pool and the admin API.
 * TenantStackMapping streams every change (new and old images) because onboarding and offboarding of silo
 * tenants are driven from it; it has a stable name because the pipeline's synth reads it without a lookup.
 */
public final class BaselineStack extends Stack {

    /** @param env account and region of the control plane (required) */
    public record Props(AwsEnv env) {
        public Props {
            Objects.requireNonNull(env, "BaselineStack: env is required");
        }
    }

    private final DataTable tenantDetails;
    private final DataTable tenantUserMapping;
    private final DataTable tenantStackMapping;
    private final DataTable settings;
    private final TenantUserPool operationsUsers;
    private final TenantApi adminApi;

    public BaselineStack(Construct scope, String id, Props props) {
        super(scope, id, StackProps.builder()
                .env(props.env().toCdk())
                .stackName(StackNames.baselineStackName())
                .description("SaaS fleet control plane: tenant registry, operations users, admin API")
                .build());
        FleetTags.managed(this);
        var key = new DataKey(this, "DataKey", new DataKey.Props("Control-plane tables of the SaaS fleet")).key();
        this.tenantDetails = new DataTable(this, "TenantDetails", DataTable.Props.of("tenantId", null, key))
                .withIndexOn("tenantName-index", "tenantName");
        this.tenantUserMapping = new DataTable(this, "TenantUserMapping",
                DataTable.Props.of("tenantId", "userName", key))
                .withIndexOn("userName-index", "userName");
        this.tenantStackMapping = new DataTable(this, "TenantStackMapping",
                new DataTable.Props("tenantId", null, key, StreamViewType.NEW_AND_OLD_IMAGES,
                        StackNames.tenantStackMappingTableName()));
        this.settings = new DataTable(this, "Settings", DataTable.Props.of("settingName", null, key));
        this.operationsUsers = new TenantUserPool(this, "OperationsUsers",
                new TenantUserPool.Props("SaaS operations team"));
        this.adminApi = new TenantApi(this, "AdminApi", new TenantApi.Props(
                "SaaS fleet admin API", operationsUsers.userPool(), null));
        adminApi.addHealthRoute();
    }

    public DataTable tenantDetails() {
        return tenantDetails;
    }

    public DataTable tenantUserMapping() {
        return tenantUserMapping;
    }

    public DataTable tenantStackMapping() {
        return tenantStackMapping;
    }

    public DataTable settings() {
        return settings;
    }

    public TenantUserPool operationsUsers() {
        return operationsUsers;
    }

    public TenantApi adminApi() {
        return adminApi;
    }
}
