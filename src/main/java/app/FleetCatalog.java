package app;

import java.util.List;
import java.util.Objects;

/** The whole fleet as the catalog describes it; lists are immutable and keep the source's order. */
public record FleetCatalog(PipelineSettings pipeline, AwsEnv baseline, List<PooledTierEntry> pooledTiers,
                           List<SiloTenant> tenants) {

    public FleetCatalog {
        Objects.requireNonNull(pipeline, "FleetCatalog: pipeline is required");
        Objects.requireNonNull(baseline, "FleetCatalog: baseline is required");
        pooledTiers = List.copyOf(Objects.requireNonNull(pooledTiers, "FleetCatalog: pooledTiers is required"));
        tenants = List.copyOf(Objects.requireNonNull(tenants, "FleetCatalog: tenants is required"));
    }
}
