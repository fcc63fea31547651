package functions.offboard;

import java.util.Comparator;
import java.util.Objects;

/** An AWS account and region the fleet deploys to; one AssumeRole and one DescribeStacks scan each. */
record Env(String account, String region) implements Comparable<Env> {

    private static final Comparator<Env> ORDER = Comparator.comparing(Env::account).thenComparing(Env::region);

    Env {
        Objects.requireNonNull(account, "Env: account is required");
        Objects.requireNonNull(region, "Env: region is required");
    }

    /** {@code account/region}, the same key the CDK app prints for an environment. */
    String key() {
        return account + "/" + region;
    }

    @Override
    public int compareTo(Env other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return key();
    }
}
