package app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Reads the silo tenants from the TenantStackMapping table, the fleet settings ({@code pipeline},
 * {@code baseline}, {@code pooledTiers}) from another source (the tenants.json file, whose {@code tenants}
 * are ignored). This is how the pipeline's synth sees the tenants that onboarding has registered.
 *
 * <p>Every item is read (a paginated, strongly consistent Scan: a tenant registered just before the pipeline
 * started must not be missed), sorted by tenant id (Scan order is not stable, the synth must be), and
 * validated by {@link TenantRecordValidator#forTenantStackMapping()}: the rules of tenants.json plus the
 * bookkeeping attributes provisioning writes. Any failure, an SDK error or an invalid item, throws
 * {@link CatalogException} naming the table and listing every problem; a partial catalog is never returned.
 *
 * <p>An empty or unreadable catalog never becomes an empty fleet by accident (synthesizing one would remove every
 * silo tenant's stage, and Offboard would delete their stacks): a table without silo tenants is an empty fleet only
 * when it holds the {@link FleetMarker} (written at installation), and a missing table, an empty table without the
 * marker or any read error fails, naming the table and the fix. {@link #withEmptyFleetAllowed()} (context
 * {@code allowEmptyFleet}, the fresh installation's bootstrap synth only) also takes a missing or unmarked empty
 * table as an empty fleet.
 *
 * <p>The client is the caller's (built with {@link CatalogClients#dynamoDb}); this class never closes it.
 */
public final class DynamoDbCatalogSource implements CatalogSource {

    static final String ITEM_LABEL = "TenantStackMapping item ";
    private static final String KEY = "tenantId";

    private final CatalogSource settings;
    private final DynamoDbClient client;
    private final String tableName;
    private final boolean emptyFleetAllowed;
    private final Integer pageSize;

    /**
     * @param settings  where the fleet settings come from; any silo tenant it lists must be in the table as it is
     *                  there (the table is what the pipeline deploys: a tenant only in the file would be silently
     *                  dropped, or offboarded if someone deployed it by hand, so it fails the load instead)
     * @param client    a client for the table's account and region
     * @param tableName the TenantStackMapping table's physical name
     */
    public DynamoDbCatalogSource(CatalogSource settings, DynamoDbClient client, String tableName) {
        this(settings, client, tableName, false, null);
    }

    private DynamoDbCatalogSource(CatalogSource settings, DynamoDbClient client, String tableName,
                                  boolean emptyFleetAllowed, Integer pageSize) {
        this.settings = Objects.requireNonNull(settings, "DynamoDbCatalogSource: settings is required");
        this.client = Objects.requireNonNull(client, "DynamoDbCatalogSource: client is required");
        Objects.requireNonNull(tableName, "DynamoDbCatalogSource: tableName is required");
        if (tableName.isBlank()) {
            throw new IllegalArgumentException("DynamoDbCatalogSource: tableName must not be blank");
        }
        this.tableName = tableName;
        this.emptyFleetAllowed = emptyFleetAllowed;
        this.pageSize = pageSize;
    }

    /**
     * The same source, but a table that does not exist yet, or has neither silo tenants nor the fleet marker, yields
     * a fleet without silo tenants instead of failing: the bootstrap synth of a fresh installation, whose baseline
     * stack creates the table (README "Fresh installation"). Other read errors still fail.
     */
    public DynamoDbCatalogSource withEmptyFleetAllowed() {
        return new DynamoDbCatalogSource(settings, client, tableName, true, pageSize);
    }

    /**
     * The same source, reading at most {@code items} items per Scan page.
     * {@code @default} no limit: DynamoDB's own 1 MB pages.
     */
    public DynamoDbCatalogSource withPageSize(int items) {
        if (items < 1) {
            throw new IllegalArgumentException("DynamoDbCatalogSource: pageSize must be >= 1, got " + items);
        }
        return new DynamoDbCatalogSource(settings, client, tableName, emptyFleetAllowed, items);
    }

    @Override
    public FleetCatalog load() {
        List<String> problems = new ArrayList<>();
        Throwable cause = null;
        FleetCatalog fleet = null;
        try {
            fleet = settings.load();
        } catch (CatalogException e) {
            e.problems().forEach(p -> problems.add("fleet settings: " + p));
            cause = e;
        }
        List<Map<String, AttributeValue>> items;
        try {
            items = scanAll();
        } catch (ResourceNotFoundException e) {
            if (!emptyFleetAllowed) {
                problems.add(readFailure(e) + "; a fresh installation creates it with scripts/install-fleet.sh"
                        + " (README \"Fresh installation\"), which deploys the baseline stack before the pipeline");
                throw new CatalogException(describe(), problems, e);
            }
            items = List.of();
        } catch (SdkException e) {
            problems.add(readFailure(e));
            throw new CatalogException(describe(), problems, e);
        }
        List<Map<String, AttributeValue>> markers = items.stream().filter(FleetMarker::isMarker).toList();
        List<Map<String, AttributeValue>> records = items.stream().filter(i -> !FleetMarker.isMarker(i)).toList();
        List<SiloTenant> tenants = tenants(records, problems);
        if (fleet != null) {
            problems.addAll(fileTenantsOutsideTheTable(fleet.tenants(), tenants));
            problems.addAll(CatalogValidator.roleNameProblems(fleet.fleetName(), tenants));
            for (var marker : markers) {
                markerProblem(marker, fleet.fleetName()).ifPresent(problems::add);
            }
        }
        if (records.isEmpty() && markers.isEmpty() && !emptyFleetAllowed) {
            problems.add("table " + tableName + " has no silo tenant and no fleet marker (item tenantId '"
                    + FleetMarker.TENANT_ID + "'): an empty or wiped table is never taken for an empty fleet, which"
                    + " would remove every tenant stage from the pipeline; a fresh installation writes the marker"
                    + " (scripts/install-fleet.sh), a fleet that really has no silo tenant gets it with"
                    + " 'scripts/install-fleet.sh mark' (README \"Fresh installation\")");
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(describe(), problems, cause);
        }
        // Every fleet-level value (mail, settings, operators) comes from the settings source, only the silo tenants
        // from the table.
        return fleet.withTenants(tenants);
    }

    private Optional<String> markerProblem(Map<String, AttributeValue> marker, String fleetName) {
        var written = FleetMarker.fleetName(marker);
        if (written.isPresent() && written.get().equals(fleetName)) {
            return Optional.empty();
        }
        return Optional.of("the fleet marker in table " + tableName + " (item tenantId '"
                + FleetMarker.TENANT_ID + "') was written for fleet " + written.map(n -> "'" + n + "'")
                .orElse("(no fleetName)") + ", not '" + fleetName + "': is this the right table?");
    }

    private List<String> fileTenantsOutsideTheTable(List<SiloTenant> listed, List<SiloTenant> deployed) {
        Map<String, SiloTenant> byId = new HashMap<>();
        deployed.forEach(t -> byId.put(t.tenantId(), t));
        List<String> problems = new ArrayList<>();
        for (SiloTenant tenant : listed) {
            SiloTenant inTable = byId.get(tenant.tenantId());
            String where = settings.describe() + " lists silo tenant '" + tenant.tenantId() + "'";
            if (inTable == null) {
                problems.add(where + ", which is not in table " + tableName + ": the pipeline deploys the table's"
                        + " silo tenants only; onboard it through the control plane (POST /tenants) or remove it"
                        + " from the file");
            } else if (!inTable.equals(tenant)) {
                problems.add(where + " as " + tenant + ", but table " + tableName + " has " + inTable
                        + ": the pipeline deploys the table's record; change it there or make the file agree");
            }
        }
        return problems;
    }

    @Override
    public String describe() {
        return "DynamoDB table " + tableName + " (fleet settings from " + settings.describe() + ")";
    }

    private List<Map<String, AttributeValue>> scanAll() {
        ScanRequest.Builder request = ScanRequest.builder().tableName(tableName).consistentRead(true);
        if (pageSize != null) {
            request.limit(pageSize);
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.scanPaginator(request.build()).items().forEach(items::add);
        return items;
    }

    /** Validates items in tenant id order; items without a string tenant id (a wrong table) come last. */
    private static List<SiloTenant> tenants(List<Map<String, AttributeValue>> items, List<String> problems) {
        List<Map<String, AttributeValue>> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(DynamoDbCatalogSource::tenantId,
                Comparator.nullsLast(Comparator.naturalOrder())));
        var validator = TenantRecordValidator.forTenantStackMapping();
        List<SiloTenant> tenants = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            // The validator adds "(tenantId 'x')"; the position keeps items without one apart.
            validator.validate(ItemJson.of(sorted.get(i)), ITEM_LABEL + (i + 1), problems).ifPresent(tenants::add);
        }
        return tenants;
    }

    private static String tenantId(Map<String, AttributeValue> item) {
        AttributeValue id = item.get(KEY);
        return id == null ? null : id.s();
    }

    private String readFailure(SdkException e) {
        String message = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        String hint = e instanceof ResourceNotFoundException
                ? " (does the table exist in the client's account and region?)"
                : "";
        return "cannot read table " + tableName + ": " + e.getClass().getSimpleName() + ": " + message + hint;
    }
}
