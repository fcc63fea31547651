package app;

import java.util.Objects;
import software.amazon.awscdk.Environment;

/** An AWS account and region, as validated by the catalog (12-digit account, known region). */
public record AwsEnv(String account, String region) {

    public AwsEnv {
        Objects.requireNonNull(account, "AwsEnv: account is required");
        Objects.requireNonNull(region, "AwsEnv: region is required");
    }

    /** The explicit CDK environment; explicit envs keep synth offline (no lookups, no credentials). */
    public Environment toCdk() {
        return Environment.builder().account(account).region(region).build();
    }

    /** {@code account/region}: a stable key for grouping stacks by target environment. */
    public String key() {
        return account + "/" + region;
    }
}
