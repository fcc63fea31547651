package functions.pipeline;

/** Starts one execution of a pipeline; the seam between the trigger rules and CodePipeline. */
@FunctionalInterface
interface PipelineStarter {

    /**
     * Starts {@code pipelineName} and returns the execution id. Two calls with the same
     * {@code clientRequestToken} within CodePipeline's idempotency window start one execution.
     */
    String start(String pipelineName, String clientRequestToken);
}
