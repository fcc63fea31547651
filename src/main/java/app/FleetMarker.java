package app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The fleet marker: one item in TenantStackMapping, written when the fleet is installed
 * ({@code scripts/install-fleet.sh}), that says "this table is an installed fleet's catalog". With it, a table
 * without silo tenants is a fleet that really has none (its last tenant can be offboarded); without it, an empty
 * table (a wiped or wrong table) fails the synth instead of removing every tenant stage
 * ({@link DynamoDbCatalogSource}).
 *
 * <p>Its key {@value #TENANT_ID} can never be a tenant id (those match {@code [a-z0-9][a-z0-9-]{2,31}} or a
 * lowercase UUID), so nothing that reads a tenant's record by id meets it; lambda-src's pipeline trigger ignores its
 * stream records ({@code functions.pipeline.TenantChange}, the same literal). Attributes: {@code tenantId},
 * {@code fleetName} (the fleet it was written for, checked at load) and {@code installedAt}.
 */
public final class FleetMarker {

    /** The marker's key value in the {@code tenantId} attribute. */
    public static final String TENANT_ID = "#fleet";
    static final String KEY = "tenantId";
    static final String FLEET_NAME = "fleetName";

    private FleetMarker() {
    }

    /** Whether a TenantStackMapping item is the marker (by its key alone). */
    static boolean isMarker(Map<String, AttributeValue> item) {
        AttributeValue key = item.get(KEY);
        return key != null && TENANT_ID.equals(key.s());
    }

    /** The fleet name the marker was written for; empty when the attribute is missing or not a string. */
    static Optional<String> fleetName(Map<String, AttributeValue> marker) {
        return Optional.ofNullable(marker.get(FLEET_NAME)).map(AttributeValue::s);
    }

    /**
     * Writes the marker into {@code table} unless it is there already (a conditional put: an existing marker is
     * never overwritten, so {@code installedAt} keeps the first installation).
     *
     * @return true when written now, false when it was there
     */
    public static boolean write(DynamoDbClient client, String table, String fleetName, Clock clock) {
        Objects.requireNonNull(client, "FleetMarker: client is required");
        Objects.requireNonNull(table, "FleetMarker: table is required");
        Objects.requireNonNull(fleetName, "FleetMarker: fleetName is required");
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(KEY, AttributeValue.fromS(TENANT_ID));
        item.put(FLEET_NAME, AttributeValue.fromS(fleetName));
        item.put("installedAt", AttributeValue.fromS(Instant.now(clock).toString()));
        try {
            client.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", KEY)));
            return true;
        } catch (ConditionalCheckFailedException alreadyThere) {
            return false;
        }
    }

    /**
     * {@code java -cp … app.FleetMarker [tenantsFile]}: writes the marker of the fleet that the catalog file names
     * (its {@code fleetName}; the table in its baseline's region) with the caller's credentials. Used by
     * {@code scripts/install-fleet.sh}; exit 2 on any failure.
     */
    public static void main(String[] args) {
        var file = Path.of(args.length > 0 ? args[0] : FleetConfig.DEFAULT_TENANTS_FILE);
        try {
            var fleet = new JsonFileCatalogSource(file).load();
            var table = contract.Names.tenantStackMappingTable(fleet.fleetName());
            try (var client = CatalogClients.dynamoDb(fleet.baseline().region(), Optional.empty())) {
                boolean written = write(client, table, fleet.fleetName(), Clock.systemUTC());
                System.err.println((written ? "fleet marker written to table " : "fleet marker already in table ")
                        + table + " (" + fleet.baseline().region() + ")");
            }
        } catch (CatalogException | SdkException | IllegalArgumentException e) {
            System.err.println("Cannot write the fleet marker: " + e.getMessage());
            System.exit(2);
        }
    }
}
