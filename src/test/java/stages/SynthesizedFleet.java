package stages;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The fleet stacks of the shipped catalog, read from the stages of the shipped pipeline app (exactly what the
 * pipeline deploys), in catalog order, with templates cached.
 */
final class SynthesizedFleet {

    /** The fleet's stacks by kind. */
    record Stacks(BaselineStack baseline, List<PooledTierStack> pooledTiers, List<SiloTenantStack> siloTenants) {
    }

    private static SynthesizedFleet shipped;

    final Stacks stacks;
    private final Map<Stack, Template> templates = new HashMap<>();

    private SynthesizedFleet(Stacks stacks) {
        this.stacks = stacks;
    }

    static synchronized SynthesizedFleet shipped() {
        if (shipped == null) {
            var catalog = PipelineFleet.shippedCatalog();
            var stages = PipelineFleet.shipped().pipelines.stream()
                    .flatMap(p -> p.getNode().findAll().stream())
                    .filter(TenantStage.class::isInstance)
                    .map(c -> ((TenantStage) c).stack())
                    .toList();
            var tierOrder = catalog.pooledTiers().stream().map(e -> StackNames.pooledTierStackName(e.tier())).toList();
            var tenantOrder = catalog.tenants().stream().map(StackNames::siloTenantStackName).toList();
            shipped = new SynthesizedFleet(new Stacks(
                    only(stages, BaselineStack.class).get(0),
                    only(stages, PooledTierStack.class).stream()
                            .sorted(Comparator.comparing(s -> tierOrder.indexOf(s.getStackName()))).toList(),
                    only(stages, SiloTenantStack.class).stream()
                            .sorted(Comparator.comparing(s -> tenantOrder.indexOf(s.getStackName()))).toList()));
        }
        return shipped;
    }

    private static <T> List<T> only(List<Stack> stacks, Class<T> kind) {
        return stacks.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    synchronized Template template(Stack stack) {
        return templates.computeIfAbsent(stack, Template::fromStack);
    }
}
