package functions.shared;

import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import testsupport.Moto;
import testsupport.MotoTables;

/**
 * DynamoDB of the JVM's one moto server ({@link Moto}), reached through the same SDK client setup the functions use.
 * Tests get a fresh uniquely named table each, so they never share data. Tables live in moto's default account
 * ({@link Moto#ACCOUNT}); a client signed with credentials that moto's STS issued for a role of that account sees
 * the same tables, as in AWS.
 */
public final class MotoDynamoDb {

    private static MotoDynamoDb instance;

    private final URI endpoint;
    private final DynamoDbClient client;

    private MotoDynamoDb(URI endpoint, DynamoDbClient client) {
        this.endpoint = endpoint;
        this.client = client;
    }

    public static synchronized MotoDynamoDb get() {
        if (instance == null) {
            Moto moto = Moto.get();
            instance = new MotoDynamoDb(moto.endpoint(), moto.configure(DynamoDbClient.builder()).build());
        }
        return instance;
    }

    public DynamoDbClient client() {
        return client;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Creates a table with the functions' key schema: {@code shardId} + {@code sortKey}, both strings. */
    public String createTable(String sortKey) {
        String name = "t-" + UUID.randomUUID();
        client.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(ShardedTenantTable.PARTITION_KEY)
                                .attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(sortKey)
                                .attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(ShardedTenantTable.PARTITION_KEY)
                                .keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build()));
        client.waiter().waitUntilTableExists(r -> r.tableName(name));
        return name;
    }

    /** A fresh uniquely named table keyed by {@code hashKey} (and {@code rangeKey} unless null), strings both. */
    public String createKeyedTable(String hashKey, String rangeKey) {
        String name = "t-" + UUID.randomUUID();
        MotoTables.createStringKeyed(client, name, hashKey, rangeKey);
        return name;
    }

    /** Another client of the same server whose requests pass {@code interceptor} first (to inject failures). */
    public DynamoDbClient clientWith(ExecutionInterceptor interceptor) {
        return Moto.get().configure(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor))
                .build();
    }
}
