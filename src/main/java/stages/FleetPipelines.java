package stages;

import java.util.List;

import app.FleetCatalog;
import app.OffboarderMemory;
import software.constructs.Construct;

/**
 * The whole fleet as delivered: the wave plan of a catalog and one self-mutating pipeline stack per planned
 * pipeline, each holding its share of the fleet's stacks in stages.
 */
public record FleetPipelines(FleetPlan plan, List<FleetPipelineStack> pipelines) {

    /** Most accounts the fleet may span; see {@link #checkAccounts}. */
    static final int MAX_ACCOUNTS = 250;

    public FleetPipelines {
        pipelines = List.copyOf(pipelines);
    }

    /** Plans the catalog's waves and adds every pipeline stack to {@code scope}, with the compliance checks. */
    public static FleetPipelines addTo(Construct scope, FleetCatalog catalog, String functionsDir) {
        return addTo(scope, catalog, functionsDir, OffboarderMemory.NONE);
    }

    /**
     * As {@link #addTo(Construct, FleetCatalog, String)}, each pipeline's offboarder also granted the accounts its
     * environments table remembers ({@code memory}, read by the pipeline's synth).
     */
    public static FleetPipelines addTo(Construct scope, FleetCatalog catalog, String functionsDir,
                                       OffboarderMemory memory) {
        return addTo(scope, catalog, functionsDir, memory, FleetChecks.Coverage.EVERY_STACK);
    }

    /** As {@link #addTo(Construct, FleetCatalog, String)}, with the rule packs on the stacks {@code checks} names. */
    static FleetPipelines addTo(Construct scope, FleetCatalog catalog, String functionsDir,
                                FleetChecks.Coverage checks) {
        return addTo(scope, catalog, functionsDir, OffboarderMemory.NONE, checks);
    }

    static FleetPipelines addTo(Construct scope, FleetCatalog catalog, String functionsDir, OffboarderMemory memory,
                                FleetChecks.Coverage checks) {
        return addTo(scope, catalog, functionsDir, memory, checks, WaveLimits.DEFAULT);
    }

    /** As above, planned under {@code limits} (tests shard small fleets with small limits). */
    static FleetPipelines addTo(Construct scope, FleetCatalog catalog, String functionsDir, OffboarderMemory memory,
                                FleetChecks.Coverage checks, WaveLimits limits) {
        var plan = WavePlanner.plan(catalog, limits);
        plan.pipelines().forEach(p -> checkAccounts(FleetPipelineStack.offboarderAccounts(catalog,
                memory.accounts(p.name())).size()));
        var names = plan.pipelines().stream().map(PipelinePlan::name).toList();
        var pipelines = plan.pipelines().stream()
                .map(pipelinePlan -> new FleetPipelineStack(scope, pipelinePlan.name(),
                        FleetPipelineStack.Props.builder().catalog(catalog).plan(pipelinePlan)
                                .functionsDir(functionsDir).pipelineNames(names)
                                .rememberedAccounts(memory.accounts(pipelinePlan.name())).build(), checks))
                .toList();
        FleetChecks.applyTo(scope);
        return new FleetPipelines(plan, pipelines);
    }

    /**
     * The control plane's provisioning roles and each offboarder name every account of the fleet (two and one
     * resources each), and IAM allows a role 10,240 characters of inline policy
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): more accounts would fail the
     * deployment of the baseline or the pipeline, so the synth stops first. IamPolicySizeTest measures the limit.
     */
    static void checkAccounts(int accounts) {
        if (accounts > MAX_ACCOUNTS) {
            throw new IllegalStateException("The fleet spans " + accounts + " accounts (catalog and offboarder memory),"
                    + " more than the " + MAX_ACCOUNTS + " whose roles fit IAM's 10,240-character role policy limit in"
                    + " the control plane's and offboarder's policies; group silo tenants into fewer accounts");
        }
    }
}
