package stages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The fleet's rollout: its pipelines, each with its waves in deployment order. Built by {@link WavePlanner}. */
public record FleetPlan(List<PipelinePlan> pipelines) {

    /** The plan's file name, beside the cloud assembly (the pipeline's offboarding step reads it there). */
    public static final String FILE_NAME = "fleet-plan.json";

    // Fixed "\n" line ends: the JSON must be byte-identical on every OS (Jackson defaults to the system's).
    private static final ObjectWriter JSON = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    public FleetPlan {
        pipelines = List.copyOf(Objects.requireNonNull(pipelines, "FleetPlan: pipelines is required"));
        if (pipelines.isEmpty()) {
            throw new IllegalArgumentException("FleetPlan: at least the canary pipeline is required");
        }
        String elsewhere = pipelines.stream().skip(1).filter(p -> p.canaryWave().isPresent())
                .map(PipelinePlan::name).collect(Collectors.joining(", "));
        if (!elsewhere.isEmpty()) {
            throw new IllegalArgumentException("FleetPlan: only the first pipeline may hold a canary wave, not "
                    + elsewhere);
        }
    }

    /**
     * The pipeline holding {@code Baseline} and the fleet's one {@code Canary} wave: the first. Every other pipeline
     * ({@link #gatedPipelines()}) has no canary wave, and its first tenant wave must wait for this pipeline's canary
     * validation of the same release.
     */
    public PipelinePlan canaryPipeline() {
        return pipelines.get(0);
    }

    /** The fleet's one canary wave: the first pooled tier and every {@code canary: true} tenant. */
    public Optional<Wave> canaryWave() {
        return canaryPipeline().canaryWave();
    }

    /** The pipelines after the canary pipeline, each of which waits for the fleet canary's validation. */
    public List<PipelinePlan> gatedPipelines() {
        return pipelines.subList(1, pipelines.size());
    }

    /** The pipeline that deploys the silo tenant's stack, or empty when the plan has no such tenant. */
    public Optional<String> pipelineOf(String tenantId) {
        return pipelines.stream()
                .filter(p -> p.stacks().anyMatch(s -> tenantId.equals(s.tenantId())))
                .map(PipelinePlan::name)
                .findFirst();
    }

    /** Deterministic, pretty JSON of the plan: keys in a fixed order, lists in plan order, no timestamps. */
    public String toJson() {
        List<Object> pipelineNodes = new ArrayList<>();
        for (PipelinePlan pipeline : pipelines) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", pipeline.name());
            node.put("stackCount", pipeline.stackCount());
            node.put("codePipelineStages", pipeline.codePipelineStageCount());
            node.put("waves", pipeline.waves().stream().map(FleetPlan::waveNode).toList());
            pipelineNodes.add(node);
        }
        try {
            return JSON.writeValueAsString(Map.of("pipelines", pipelineNodes)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("FleetPlan: cannot write JSON", e);
        }
    }

    private static Map<String, Object> waveNode(Wave wave) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", wave.name());
        node.put("canary", wave.canary());
        node.put("actionCount", wave.actionCount());
        node.put("stacks", wave.stacks().stream().map(FleetPlan::stackNode).toList());
        return node;
    }

    private static Map<String, Object> stackNode(PlannedStack stack) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("kind", stack.kind().name());
        node.put("stackName", stack.stackName());
        node.put("tenantId", stack.tenantId());
        node.put("tier", stack.tier() == null ? null : stack.tier().name());
        node.put("account", stack.env().account());
        node.put("region", stack.env().region());
        return node;
    }

    /** One line per wave, for printing at synth: pipeline, wave, stacks, actions, where it deploys. */
    public String toTable() {
        String format = "%-16s %-10s %6s %7s  %s\n";
        var table = new StringBuilder(String.format(Locale.ROOT, format, "pipeline", "wave", "stacks", "actions",
                "accounts/regions"));
        for (PipelinePlan pipeline : pipelines) {
            for (Wave wave : pipeline.waves()) {
                table.append(String.format(Locale.ROOT, format, pipeline.name(), wave.name(), wave.stacks().size(),
                        wave.actionCount(), envSummary(wave)));
            }
        }
        return table.toString();
    }

    /** Up to three account/region pairs by name; more as counts, so a line stays short. */
    private static String envSummary(Wave wave) {
        var envs = new TreeSet<String>();
        var accounts = new TreeSet<String>();
        var regions = new TreeSet<String>();
        wave.stacks().forEach(s -> {
            envs.add(s.env().key());
            accounts.add(s.env().account());
            regions.add(s.env().region());
        });
        if (envs.size() <= 3) {
            return String.join(", ", envs);
        }
        return envs.size() + " envs (" + accounts.size() + " accounts, " + regions.size() + " regions: "
                + regions.stream().collect(Collectors.joining(", ")) + ")";
    }
}
