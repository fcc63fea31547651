package functions.offboard;

import contract.Keys;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link EnvironmentMemory} in the offboarder's own table: one item per environment, key {@code environment} =
 * {@code <account>/<region>}. Reads are consistent: a run must see what the previous run remembered.
 */
final class DynamoDbEnvironmentMemory implements EnvironmentMemory {

    static final String KEY = Keys.ENVIRONMENT;

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Integer pageSize;

    DynamoDbEnvironmentMemory(DynamoDbClient dynamoDb, String tableName) {
        this(dynamoDb, tableName, null);
    }

    /** With a scan page size, so tests can prove every page is read without a megabyte of items. */
    DynamoDbEnvironmentMemory(DynamoDbClient dynamoDb, String tableName, Integer pageSize) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.pageSize = pageSize;
    }

    @Override
    public Set<Env> recall() {
        Set<Env> environments = new TreeSet<>();
        dynamoDb.scanPaginator(r -> r.tableName(tableName).consistentRead(true).limit(pageSize)).items().forEach(item -> {
            AttributeValue value = item.get(KEY);
            environments.add(parse(value == null ? null : value.s()));
        });
        return environments;
    }

    @Override
    public void remember(Collection<Env> environments) {
        for (Env env : environments) {
            dynamoDb.putItem(r -> r.tableName(tableName).item(Map.of(KEY, AttributeValue.fromS(env.key()))));
        }
    }

    @Override
    public void forget(Env environment) {
        dynamoDb.deleteItem(r -> r.tableName(tableName).key(Map.of(KEY, AttributeValue.fromS(environment.key()))));
    }

    // Only this class writes the table, but a hand-edited item must fail loudly rather than be scanned wrongly.
    static Env parse(String key) {
        String[] parts = key == null ? new String[0] : key.split("/", -1);
        if (parts.length != 2 || !FleetPlanReader.ACCOUNT.matcher(parts[0]).matches()
                || !FleetPlanReader.REGION.matcher(parts[1]).matches()) {
            throw new IllegalStateException("environments table holds a malformed " + KEY + " '" + key
                    + "': expected <12-digit account>/<region>");
        }
        return new Env(parts[0], parts[1]);
    }
}
