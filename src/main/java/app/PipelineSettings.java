package app;

import java.util.Objects;

/** Where the deployment pipeline lives and which repository branch it builds. */
public record PipelineSettings(AwsEnv env, String connectionArn, String repository, String branch) {

    public PipelineSettings {
        Objects.requireNonNull(env, "PipelineSettings: env is required");
        Objects.requireNonNull(connectionArn, "PipelineSettings: connectionArn is required");
        Objects.requireNonNull(repository, "PipelineSettings: repository is required");
        Objects.requireNonNull(branch, "PipelineSettings: branch is required");
    }
}
