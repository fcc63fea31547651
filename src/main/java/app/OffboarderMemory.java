package app;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The accounts each pipeline's offboarder remembers from earlier runs (its environments table, one item per
 * {@code <account>/<region>} it has scanned). The synth adds them to that offboarder's {@code sts:AssumeRole} grant:
 * an account whose last tenant left the catalog is still remembered until the offboarder has found it empty, so the
 * grant names exactly the accounts the function may still have to clean up, never every account.
 *
 * <p>{@link #NONE} is the offline synth's (no table to read: the grant names the catalog's accounts only).
 * {@link #dynamoDb} reads the tables in the pipeline account: a table that does not exist yet is a pipeline not yet
 * deployed and remembers nothing; any other failure or a malformed item throws {@link CatalogException} naming the
 * table, because a synth that silently forgot an account would leave the offboarder unable to reach it.
 */
@FunctionalInterface
public interface OffboarderMemory {

    /** Remembers nothing: the offline synth, and a fleet whose pipelines have never run. */
    OffboarderMemory NONE = pipelineName -> Collections.emptySortedSet();

    /** The partition key of the offboarder's environments table (lambda-src's DynamoDbEnvironmentMemory writes it). */
    String KEY = "environment";

    /**
     * @param pipelineName one pipeline of the fleet
     * @return the accounts its offboarder remembers, sorted, each once
     */
    SortedSet<String> accounts(String pipelineName);

    /**
     * @param client    a client for the pipeline account and region (the caller closes it)
     * @param tableName the environments table of a pipeline, by pipeline name
     */
    static OffboarderMemory dynamoDb(DynamoDbClient client, UnaryOperator<String> tableName) {
        Objects.requireNonNull(client, "OffboarderMemory: client is required");
        Objects.requireNonNull(tableName, "OffboarderMemory: tableName is required");
        return pipelineName -> read(client, tableName.apply(pipelineName));
    }

    private static SortedSet<String> read(DynamoDbClient client, String table) {
        String source = "offboarder environments table " + table;
        SortedSet<String> accounts = new TreeSet<>();
        try {
            // Consistent: the synth must see what the previous run's offboarder remembered.
            client.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> {
                AttributeValue value = item.get(KEY);
                String key = value == null ? null : value.s();
                String[] parts = key == null ? new String[0] : key.split("/", -1);
                if (parts.length != 2 || AwsRules.accountIssue(parts[0]).isPresent()
                        || AwsRules.regionIssue(parts[1]).isPresent()) {
                    throw new CatalogException(source, List.of("item " + KEY + " '" + key
                            + "' is not <12-digit account>/<region>: fix or delete the item"));
                }
                accounts.add(parts[0]);
            });
        } catch (ResourceNotFoundException e) {
            return Collections.emptySortedSet();
        } catch (SdkException e) {
            throw new CatalogException(source, List.of("cannot be read (" + e.getMessage() + "): the offboarder's"
                    + " grant would lose the accounts it still has to clean up; fix access and rerun"), e);
        }
        return Collections.unmodifiableSortedSet(accounts);
    }
}
