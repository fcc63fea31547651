/**
 * The fleet's stacks (control-plane baseline, one per pooled tier, one per silo tenant), the tier and rollout
 * policies they are sized by, the naming rules that keep stack names and logical ids stable, the compliance
 * checks applied to every stack, and the delivery side: {@link stages.WavePlanner} turns a catalog into a
 * limit-aware, stable {@link stages.FleetPlan} (hash-range waves and pipelines, one fleet canary first) and
 * {@link stages.FleetPipelineStack} turns one pipeline's plan into a self-mutating CDK pipeline whose
 * {@link stages.TenantStage}s hold the same stacks. Depends on {@code constructs}, the catalog of {@code app}
 * (never its entry point), the names of {@code contract}, cdk-nag and Jackson (the plan's JSON). {@code FleetStacks} is the one place that builds a fleet stack.
 */
package stages;
