package app;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The placements the control plane reads from its Settings table (catalog top-level {@code settings}), written there
 * by the baseline's {@code Custom::SettingsSeed} on every deployment that changes them (lambda-src
 * {@code functions.bootstrap.SettingsSeed}).
 *
 * @param siloPlacement  where the next self-registered silo tenant's stack goes: one of the environments the catalog
 *                       already deploys to (a pooled tier's or a silo tenant's), so it is CDK-bootstrapped and
 *                       trusted by the pipeline (required)
 * @param siloWave       the pipeline wave of new silo tenants (@default none: the planner's default wave)
 * @param tierPlacements per pooled tier, which of its catalog environments takes new tenants; required for a tier
 *                       listed in several environments (@default none)
 */
public record FleetSettings(AwsEnv siloPlacement, Optional<Integer> siloWave, SortedMap<Tier, AwsEnv> tierPlacements) {

    public FleetSettings {
        Objects.requireNonNull(siloPlacement, "FleetSettings: siloPlacement is required");
        Objects.requireNonNull(siloWave, "FleetSettings: siloWave is required (may be empty)");
        tierPlacements = new TreeMap<>(Objects.requireNonNull(tierPlacements,
                "FleetSettings: tierPlacements is required (may be empty)"));
        siloWave.ifPresent(wave -> {
            if (wave < 1) {
                throw new IllegalArgumentException("FleetSettings: siloWave must be >= 1, got " + wave);
            }
        });
    }

    public FleetSettings(AwsEnv siloPlacement, Optional<Integer> siloWave, Map<Tier, AwsEnv> tierPlacements) {
        this(siloPlacement, siloWave, new TreeMap<>(tierPlacements));
    }
}
