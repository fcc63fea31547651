package contract;

/** The key attribute names of the product's DynamoDB tables, which the CDK app declares and the functions write. */
public final class Keys {

    /** Partition key of TenantDetails, TenantUserMapping, TenantStackMapping, TenantApiKeys, TenantUsage, TenantCost. */
    public static final String TENANT_ID = "tenantId";
    /** Sort key of TenantUserMapping. */
    public static final String USER_NAME = "userName";
    /** Sort key of TenantUsage and TenantCost ({@code yyyy-MM-dd}). */
    public static final String DAY = "day";
    /** Partition key of Settings. */
    public static final String SETTING_NAME = "settingName";
    /** Partition key of Registrations. */
    public static final String REGISTRATION = "pk";
    /** Partition key of the sharded product and order tables ({@code <tenantId>#<shard>}). */
    public static final String SHARD_ID = "shardId";
    /** Sort key of the product table. */
    public static final String PRODUCT_ID = "productId";
    /** Sort key of the order table. */
    public static final String ORDER_ID = "orderId";
    /** Partition key of a pipeline's offboarder environments table. */
    public static final String ENVIRONMENT = "environment";

    private Keys() {
    }
}
