package functions.offboard;

import java.util.Objects;

/**
 * One stack the fleet plan deploys; every deployed fleet stack that matches one by environment and name is kept.
 *
 * @param pipeline the pipeline that deploys it (for messages only)
 * @param kind     {@code BASELINE}, {@code POOLED_TIER} or {@code SILO_TENANT}, as the synth writes it
 * @param tenantId the silo tenant; null for the baseline and pooled tiers
 */
record ExpectedStack(String pipeline, String kind, String stackName, String tenantId, Env env) {

    ExpectedStack {
        Objects.requireNonNull(pipeline, "ExpectedStack: pipeline is required");
        Objects.requireNonNull(kind, "ExpectedStack: kind is required");
        Objects.requireNonNull(stackName, "ExpectedStack: stackName is required");
        Objects.requireNonNull(env, "ExpectedStack: env is required");
    }
}
