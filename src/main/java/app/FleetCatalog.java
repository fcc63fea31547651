package app;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole fleet as the catalog describes it; lists are immutable and keep the source's order.
 *
 * @param fleetName the fleet's identity: every stack, pipeline, role and table name starts with it and every
 *                  fleet stack is tagged {@code ManagedBy=<fleetName>-fleet}, so two fleets share an account
 *                  without touching each other's stacks. @default {@value #DEFAULT_FLEET_NAME}
 * @param mail      the SES sender of every user pool ({@link MailSettings}); @default none: Cognito's default mailer
 * @param settings  the control plane's placements, seeded into its Settings table ({@link FleetSettings});
 *                  @default none: the baseline seeds nothing and the Settings items must be written by hand
 * @param operators the first operators of the operations pool ({@link OperatorEntry}); @default none
 */
public record FleetCatalog(PipelineSettings pipeline, AwsEnv baseline, List<PooledTierEntry> pooledTiers,
                           List<SiloTenant> tenants, String fleetName, Optional<MailSettings> mail,
                           Optional<FleetSettings> settings, List<OperatorEntry> operators) {

    /** The fleet name of a catalog without {@code fleetName}: the names every fleet had before the field. */
    public static final String DEFAULT_FLEET_NAME = "saas";

    public FleetCatalog {
        Objects.requireNonNull(pipeline, "FleetCatalog: pipeline is required");
        Objects.requireNonNull(baseline, "FleetCatalog: baseline is required");
        pooledTiers = List.copyOf(Objects.requireNonNull(pooledTiers, "FleetCatalog: pooledTiers is required"));
        tenants = List.copyOf(Objects.requireNonNull(tenants, "FleetCatalog: tenants is required"));
        Objects.requireNonNull(fleetName, "FleetCatalog: fleetName is required");
        Objects.requireNonNull(mail, "FleetCatalog: mail is required (may be empty)");
        Objects.requireNonNull(settings, "FleetCatalog: settings is required (may be empty)");
        operators = List.copyOf(Objects.requireNonNull(operators, "FleetCatalog: operators is required (may be empty)"));
        AwsRules.fleetNameIssue(fleetName).ifPresent(issue -> {
            throw new IllegalArgumentException("FleetCatalog: fleetName " + issue);
        });
    }

    /** A catalog without seeded settings or operators. */
    public FleetCatalog(PipelineSettings pipeline, AwsEnv baseline, List<PooledTierEntry> pooledTiers,
                        List<SiloTenant> tenants, String fleetName, Optional<MailSettings> mail) {
        this(pipeline, baseline, pooledTiers, tenants, fleetName, mail, Optional.empty(), List.of());
    }

    /** The same fleet with other silo tenants (the catalog table's, in the cloud synth). */
    public FleetCatalog withTenants(List<SiloTenant> others) {
        return new FleetCatalog(pipeline, baseline, pooledTiers, others, fleetName, mail, settings, operators);
    }

    /** A catalog without an SES sender: every user pool uses Cognito's default mailer. */
    public FleetCatalog(PipelineSettings pipeline, AwsEnv baseline, List<PooledTierEntry> pooledTiers,
                        List<SiloTenant> tenants, String fleetName) {
        this(pipeline, baseline, pooledTiers, tenants, fleetName, Optional.empty());
    }

    /** A catalog of the default fleet ({@value #DEFAULT_FLEET_NAME}). */
    public FleetCatalog(PipelineSettings pipeline, AwsEnv baseline, List<PooledTierEntry> pooledTiers,
                        List<SiloTenant> tenants) {
        this(pipeline, baseline, pooledTiers, tenants, DEFAULT_FLEET_NAME);
    }
}
