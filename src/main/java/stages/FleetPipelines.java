package stages;

import java.util.List;

import app.FleetCatalog;
import software.constructs.Construct;

/**
 * The whole fleet as delivered: the wave plan of a catalog and one self-mutating pipeline stack per planned
 * pipeline, each holding its share of the fleet's stacks in stages.
 */
public record FleetPipelines(FleetPlan plan, List<FleetPipelineStack> pipelines) {

    public FleetPipelines {
        pipelines = List.copyOf(pipelines);
    }

    /** Plans the catalog's waves and adds every pipeline stack to {@code scope}, with the compliance checks. */
    public static FleetPipelines addTo(Construct scope, FleetCatalog catalog, String functionJar) {
        return addTo(scope, catalog, functionJar, FleetChecks.Coverage.EVERY_STACK);
    }

    /** As {@link #addTo(Construct, FleetCatalog, String)}, with the rule packs on the stacks {@code checks} names. */
    static FleetPipelines addTo(Construct scope, FleetCatalog catalog, String functionJar,
                                FleetChecks.Coverage checks) {
        var plan = WavePlanner.plan(catalog);
        var names = plan.pipelines().stream().map(PipelinePlan::name).toList();
        var pipelines = plan.pipelines().stream()
                .map(pipelinePlan -> new FleetPipelineStack(scope, pipelinePlan.name(),
                        new FleetPipelineStack.Props(catalog, pipelinePlan, functionJar, names), checks))
                .toList();
        FleetChecks.applyTo(scope);
        return new FleetPipelines(plan, pipelines);
    }
}
