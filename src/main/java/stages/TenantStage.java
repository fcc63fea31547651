package stages;

import java.util.List;
import java.util.Objects;

import app.FleetCatalog;
import app.PooledTierEntry;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.constructs.Construct;

/**
 * One pipeline stage holding one fleet stack (baseline, pooled tier or silo tenant), in that stack's account and
 * region. Each stage carries the compliance checks itself, because aspects do not cross Stage boundaries.
 */
public final class TenantStage extends Stage {

    /**
     * @param planned     which stack, from the wave plan (required)
     * @param catalog     the catalog the plan was made from (required)
     * @param functionsDir   path of the functions jar (required)
     * @param pipelineNames every pipeline of the fleet, which the baseline's onboarding trigger starts (required)
     */
    public record Props(PlannedStack planned, FleetCatalog catalog, String functionsDir, List<String> pipelineNames) {
        public Props {
            Objects.requireNonNull(pipelineNames, "TenantStage: pipelineNames is required");
            Objects.requireNonNull(planned, "TenantStage: planned is required");
            Objects.requireNonNull(catalog, "TenantStage: catalog is required");
            Objects.requireNonNull(functionsDir, "TenantStage: functionsDir is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private PlannedStack planned;
            private FleetCatalog catalog;
            private String functionsDir;
            private List<String> pipelineNames;

            private Builder() {
            }

            public Builder planned(PlannedStack planned) { this.planned = planned; return this; }
            public Builder catalog(FleetCatalog catalog) { this.catalog = catalog; return this; }
            public Builder functionsDir(String functionsDir) { this.functionsDir = functionsDir; return this; }
            public Builder pipelineNames(List<String> pipelineNames) {
                this.pipelineNames = pipelineNames;
                return this;
            }

            public Props build() {
                return new Props(planned, catalog, functionsDir, pipelineNames);
            }
        }
    }

    private final Stack stack;

    public TenantStage(Construct scope, String id, Props props) {
        this(scope, id, props, FleetChecks.Coverage.EVERY_STACK);
    }

    /** @param checks whether this stage's stack carries the rule packs ({@link FleetChecks}) */
    TenantStage(Construct scope, String id, Props props, FleetChecks.Coverage checks) {
        super(scope, id, StageProps.builder().env(props.planned().env().toCdk()).build());
        var planned = props.planned();
        this.stack = switch (planned.kind()) {
            case BASELINE -> FleetStacks.baseline(this, props.catalog(), props.functionsDir(), props.pipelineNames());
            case POOLED_TIER -> FleetStacks.pooledTier(this, new PooledTierEntry(planned.tier(), planned.env()),
                    props.functionsDir(), props.catalog(), props.pipelineNames());
            case SILO_TENANT -> FleetStacks.siloTenant(this, props.catalog().tenants().stream()
                    .filter(t -> t.tenantId().equals(planned.tenantId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "TenantStage " + id + ": tenant '" + planned.tenantId() + "' is not in the catalog")),
                    props.functionsDir(), props.catalog(), props.pipelineNames());
        };
        if (checks == FleetChecks.Coverage.EVERY_STACK) {
            FleetChecks.applyTo(this);
        }
    }

    public Stack stack() {
        return stack;
    }
}
