package functions.pipeline;

/** Starts the fleet's onboard build for one new silo tenant; the seam between the trigger rules and CodeBuild. */
@FunctionalInterface
interface OnboardStarter {

    /**
     * Starts a build of {@code projectName} with {@code TENANT_ID} set to {@code tenantId} and returns the build id.
     * Two calls with the same {@code idempotencyToken} within CodeBuild's five minutes start one build.
     */
    String start(String projectName, String tenantId, String idempotencyToken);
}
