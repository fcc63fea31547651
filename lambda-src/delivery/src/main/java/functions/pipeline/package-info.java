/**
 * The onboarding trigger: {@link functions.pipeline.PipelineTriggerHandler} (the Lambda entry point on the
 * TenantStackMapping table's stream) reads stream records into {@link functions.pipeline.TenantChange}s,
 * and {@link functions.pipeline.PipelineTrigger} (the rules, free of Lambda and SDK types) decides whether
 * the batch changes the set of tenant stacks and, if so, starts each fleet pipeline once through a
 * {@link functions.pipeline.PipelineStarter}, whose real implementation calls CodePipeline. Depends on
 * {@code functions.shared} for configuration names and structured logging only; never on
 * {@code functions.product} or {@code functions.order}.
 */
package functions.pipeline;
