package app;

import java.util.Objects;

/**
 * Where the deployment pipeline lives and which repository branch it builds.
 *
 * @param approveAfterCanary when true, every release waits after the fleet canary's validation for a person to
 *                           approve it in CodePipeline before any later wave (catalog {@code pipeline.approveAfterCanary},
 *                           default false)
 */
public record PipelineSettings(AwsEnv env, String connectionArn, String repository, String branch,
                               boolean approveAfterCanary) {

    /** Releases roll on after a healthy canary without waiting for a person. */
    public PipelineSettings(AwsEnv env, String connectionArn, String repository, String branch) {
        this(env, connectionArn, repository, branch, false);
    }

    public PipelineSettings {
        Objects.requireNonNull(env, "PipelineSettings: env is required");
        Objects.requireNonNull(connectionArn, "PipelineSettings: connectionArn is required");
        Objects.requireNonNull(repository, "PipelineSettings: repository is required");
        Objects.requireNonNull(branch, "PipelineSettings: branch is required");
    }
}
