package constructs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long resource list over several statements. CDK moves statements that do not fit a role's inline policy
 * (10,240 characters) into managed policies of at most 6,144 characters each, but never splits a statement, so a
 * statement naming hundreds of ARNs would fail the deployment ("IAM and AWS STS quotas",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Written here: CDK has no option
 * for it.
 */
public final class PolicyChunks {

    /** At most this many ARNs (of up to ~90 characters, ~5,400 in all) per statement: one fits a managed policy. */
    public static final int RESOURCES_PER_STATEMENT = 60;

    private PolicyChunks() {
    }

    /** {@code resources} in order, in lists of at most {@link #RESOURCES_PER_STATEMENT}. */
    public static List<List<String>> of(List<String> resources) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < resources.size(); from += RESOURCES_PER_STATEMENT) {
            chunks.add(List.copyOf(resources.subList(from, Math.min(resources.size(), from + RESOURCES_PER_STATEMENT))));
        }
        return chunks;
    }
}
