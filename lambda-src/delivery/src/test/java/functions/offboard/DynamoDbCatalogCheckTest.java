package functions.offboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.MotoDynamoDb;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The catalog check on a TenantStackMapping table (key tenantId) on moto's DynamoDB. */
class DynamoDbCatalogCheckTest {

    private final DynamoDbClient dynamoDb = MotoDynamoDb.get().client();
    private String table;
    private DynamoDbCatalogCheck catalog;

    @BeforeEach
    void createTable() {
        table = "catalog-" + UUID.randomUUID();
        dynamoDb.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("tenantId")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("tenantId").keyType(KeyType.HASH).build()));
        catalog = new DynamoDbCatalogCheck(dynamoDb, table);
    }

    @Test
    void aListedTenantIsPlacedWhereItsRecordSays() {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("tenantId", AttributeValue.fromS("wayne"),
                "tenantName", AttributeValue.fromS("Wayne"), "tier", AttributeValue.fromS("PLATINUM"),
                "account", AttributeValue.fromS("333333333333"), "region", AttributeValue.fromS("eu-west-1"))));

        assertEquals(Optional.of(new Env("333333333333", "eu-west-1")), catalog.placement("wayne"));
        assertEquals(Optional.empty(), catalog.placement("gone"));
    }

    @Test
    void aRecordWithoutPlacementOrAMissingTableIsAnErrorNotAnOrphan() {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("tenantId", AttributeValue.fromS("odd"))));

        var e = assertThrows(IllegalStateException.class, () -> catalog.placement("odd"));
        assertTrue(e.getMessage().contains("odd"), e.getMessage());
        assertThrows(ResourceNotFoundException.class,
                () -> new DynamoDbCatalogCheck(dynamoDb, "no-such-table").placement("wayne"));
    }
}
