package functions.authorizer;

import functions.shared.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The one read both authorizer lookups make: a tenant's item by {@code tenantId}, only the named attributes. */
final class TenantItems {

    static final String PARTITION_KEY = contract.Keys.TENANT_ID;

    private TenantItems() {
    }

    /**
     * @param attributes the attributes to read (through placeholders, so reserved words such as {@code status}
     *                   work)
     * @param what       what is read, for the failure's message
     * @return the item's attributes; empty when the tenant has no item
     * @throws AuthorizerUnavailableException when DynamoDB does not answer: never an Allow
     */
    static Map<String, AttributeValue> read(DynamoDbClient dynamoDb, String tableName, TenantId tenant,
                                            List<String> attributes, String what) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            names.put("#a" + i, attributes.get(i));
        }
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName)
                    .key(Map.of(PARTITION_KEY, AttributeValue.fromS(tenant.value())))
                    .projectionExpression(String.join(", ", names.keySet()))
                    .expressionAttributeNames(names)).item();
            return item == null ? Map.of() : item;
        } catch (SdkException e) {
            throw new AuthorizerUnavailableException("cannot read " + what + " of tenant " + tenant, e);
        }
    }

    /** A non-blank string attribute, or null. */
    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null || value.s().isBlank() ? null : value.s();
    }
}
