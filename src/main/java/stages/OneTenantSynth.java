package stages;

import java.util.Comparator;

import app.FleetCatalog;
import software.amazon.awscdk.StageSynthesisOptions;
import software.constructs.Construct;

/**
 * The onboarding fast lane's synth ({@code -c onlyTenant=<id>}, scripts/onboard-tenant.sh): one silo tenant's stage
 * exactly as its pipeline holds it, and nothing else. The catalog is planned as the pipelines plan it, and the stage
 * is added under a construct named as the tenant's pipeline stack, so the stack has the same path, assembly
 * directory, stack name, env, tags and template as in the full synth (OneTenantSynthTest compares the bytes).
 */
public final class OneTenantSynth {

    private OneTenantSynth() {
    }

    /**
     * @throws IllegalStateException naming {@code tenantId} when it is not a silo tenant of the catalog
     */
    public static TenantStage addTo(Construct scope, FleetCatalog catalog, String functionsDir, String tenantId) {
        var plan = WavePlanner.plan(catalog, WaveLimits.DEFAULT);
        var pipeline = plan.pipelineOf(tenantId).flatMap(name -> plan.pipelines().stream()
                        .filter(p -> p.name().equals(name)).findFirst())
                .orElseThrow(() -> new IllegalStateException("Context onlyTenant: '" + tenantId
                        + "' is not a silo tenant of the catalog (" + catalog.tenants().size() + " silo tenants: "
                        + catalog.tenants().stream().map(t -> t.tenantId()).sorted(Comparator.naturalOrder())
                        .limit(5).toList() + (catalog.tenants().size() > 5 ? " ..." : "") + ")"));
        var planned = pipeline.stacks()
                .filter(s -> s.kind() == PlannedStack.Kind.SILO_TENANT && tenantId.equals(s.tenantId()))
                .findFirst().orElseThrow();
        var names = plan.pipelines().stream().map(PipelinePlan::name).toList();
        // Stands where the pipeline stack stands: the stage's construct path (its assembly directory and the
        // template's metadata) is the pipeline's.
        var pipelineScope = new Construct(scope, pipeline.name());
        var stage = new TenantStage(pipelineScope, planned.constructId(),
                TenantStage.Props.builder().planned(planned).catalog(catalog).functionsDir(functionsDir)
                        .pipelineNames(names).build());
        // As CDK Pipelines synthesizes a stage it adds (aws-cdk-lib 2.263.0 pipelines/lib/private/
        // construct-internals.js, pipelineSynth: stage.synth({validateOnSynthesis: true})): the stack artifact's
        // validateOnSynth is then the pipeline's, and the app's own synth reuses this assembly.
        stage.synth(StageSynthesisOptions.builder().validateOnSynthesis(true).build());
        return stage;
    }
}
