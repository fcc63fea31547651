package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ShardedTenantTableTest {

    private static final TenantId ACME = new TenantId("acme");

    private final MotoDynamoDb tables = MotoDynamoDb.get();
    private String tableName;

    @BeforeEach
    void createTable() {
        tableName = tables.createTable("itemId");
    }

    @Test
    void listFollowsEveryQueryPageOfEveryShard() {
        // A page size of 2 forces several pages per shard, so a list that read only the first page would lose items.
        var table = new ShardedTenantTable(tables.client(), tableName, "itemId", new Sharding(3),
                TenantCredentialScope.FUNCTION_ROLE, 2);
        List<String> ids = IntStream.range(0, 25).mapToObj(i -> UUID.randomUUID().toString()).sorted().toList();
        ids.forEach(id -> table.insert(ACME, id, Map.of("n", AttributeValue.fromN("1"))));

        List<String> listed = table.list(ACME).stream().map(item -> item.get("itemId").s()).toList();

        assertEquals(ids, listed);
    }

    @Test
    void everyRequestIncludingEachQueryPageIsSignedWithTheCredentialsOfTheCallingTenant() {
        List<String> signers = Collections.synchronizedList(new ArrayList<>());
        ExecutionInterceptor recordSigner = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String authorization = context.httpRequest().firstMatchingHeader("Authorization").orElseThrow();
                signers.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " "
                        + authorization.replaceAll(".*Credential=([^/]+)/.*", "$1"));
            }
        };
        TenantCredentialScope perTenant = tenant -> Optional.of(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("KEY" + tenant.value().replace("-", "").toUpperCase(), "secret")));
        var table = new ShardedTenantTable(tables.clientWith(recordSigner), tableName, "itemId", new Sharding(1),
                perTenant, 2);
        for (int i = 0; i < 5; i++) {
            table.insert(ACME, UUID.randomUUID().toString(), Map.of("n", AttributeValue.fromN("1")));
        }
        signers.clear();

        assertEquals(5, table.list(ACME).size());
        table.get(new TenantId("acme-two"), UUID.randomUUID().toString());

        // 5 items at 2 per page: 3 pages, each signed as acme; then acme-two's GetItem as acme-two.
        assertEquals(List.of("Query KEYACME", "Query KEYACME", "Query KEYACME", "GetItem KEYACMETWO"), signers);
    }

    @Test
    void replaceAndDeleteOfAnAbsentItemReportAbsenceWithoutWriting() {
        var table = new ShardedTenantTable(tables.client(), tableName, "itemId", new Sharding(2));
        String id = UUID.randomUUID().toString();

        assertTrue(table.replace(ACME, id, Map.of("n", AttributeValue.fromN("1"))).isEmpty());
        assertEquals(false, table.delete(ACME, id));
        assertEquals(0, tables.client().scan(r -> r.tableName(tableName)).count());
    }
}
