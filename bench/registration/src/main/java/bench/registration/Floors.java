package bench.registration;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Single DynamoDB operations of the kinds a registration makes, each alone on a scratch table, so a registration's
 * cost can be read as the sum of its calls: a consistent GetItem, a conditional PutItem of a new item, a
 * conditional UpdateItem, and a TransactWriteItems of three conditional puts (the claim).
 */
final class Floors {

    private static final String TABLE = "BenchScratch";

    private final DynamoDbClient client;

    Floors(DynamoDbClient client) {
        this.client = client;
        client.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        client.waiter().waitUntilTableExists(r -> r.tableName(TABLE));
        client.putItem(r -> r.tableName(TABLE).item(item("fixed")));
    }

    /** The operations by name, each taking a call number that makes its written keys unique. */
    Map<String, IntFunction<Object>> operations() {
        Map<String, IntFunction<Object>> operations = new LinkedHashMap<>();
        operations.put("getitem-only", i -> client.getItem(r -> r.tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", s("fixed")))).item());
        operations.put("putitem-only", i -> client.putItem(r -> r.tableName(TABLE).item(item("put#" + i))
                .conditionExpression("attribute_not_exists(pk)")));
        operations.put("updateitem-only", i -> client.updateItem(r -> r.tableName(TABLE).key(Map.of("pk", s("fixed")))
                .updateExpression("SET #s = :s, updatedAt = :t")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("ACTIVE"), ":t", s(Integer.toString(i))))));
        operations.put("transact3-only", i -> client.transactWriteItems(r -> r.transactItems(List.of(
                conditionalPut("tx#" + i), conditionalPut("txname#" + i), conditionalPut("txemail#" + i)))));
        return operations;
    }

    private static TransactWriteItem conditionalPut(String key) {
        return TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item(key))
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    // About the size of a registration's items: a dozen short strings.
    private static Map<String, AttributeValue> item(String key) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(key));
        for (String name : List.of("requestId", "fingerprint", "status", "tenantId", "tenantName", "adminEmail",
                "tier", "attempt", "createdAt", "updatedAt")) {
            item.put(name, s(name + "-" + key + "-0123456789abcdef"));
        }
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
