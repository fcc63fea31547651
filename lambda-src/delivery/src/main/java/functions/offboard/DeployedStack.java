package functions.offboard;

import java.util.Map;
import java.util.Objects;

/**
 * A stack as CloudFormation describes it, reduced to what the offboarding rules read.
 *
 * @param status               the stack status, e.g. {@code CREATE_COMPLETE}, {@code DELETE_FAILED}
 * @param tags                 the stack-level tags
 * @param terminationProtected true when termination protection is on: DeleteStack would fail
 * @param nested               true for a nested stack: it carries its root's tags but is deleted with its root
 */
record DeployedStack(String stackName, String status, Map<String, String> tags, boolean terminationProtected,
                     boolean nested) {

    DeployedStack {
        Objects.requireNonNull(stackName, "DeployedStack: stackName is required");
        Objects.requireNonNull(status, "DeployedStack: status is required");
        tags = Map.copyOf(Objects.requireNonNull(tags, "DeployedStack: tags is required"));
    }

    String tag(String key) {
        return tags.get(key);
    }
}
