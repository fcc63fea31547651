package functions.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * Stacks in moto's CloudFormation, as small as a stack can be (one WaitConditionHandle) with the outputs and tags a
 * test needs: each output is a template parameter of the same name, so an update can change its value. moto
 * completes a create, update or delete within the call.
 */
public final class MotoStacks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CloudFormationClient cloudFormation;

    /** Stacks of the account and region {@code cloudFormation} acts in. */
    public MotoStacks(CloudFormationClient cloudFormation) {
        this.cloudFormation = cloudFormation;
    }

    public void create(String name, Map<String, String> outputs) {
        create(name, outputs, Map.of(), false);
    }

    public void create(String name, Map<String, String> outputs, Map<String, String> tags,
                       boolean terminationProtection) {
        cloudFormation.createStack(r -> r.stackName(name).templateBody(template(outputs))
                .parameters(parameters(outputs))
                .tags(tags(tags))
                .enableTerminationProtection(terminationProtection));
    }

    /** A new deployment of the stack, with these outputs instead. */
    public void update(String name, Map<String, String> outputs) {
        update(name, outputs, Map.of());
    }

    /** A new deployment of the stack, with these outputs and tags. */
    public void update(String name, Map<String, String> outputs, Map<String, String> tags) {
        cloudFormation.updateStack(r -> r.stackName(name).templateBody(template(outputs))
                .parameters(parameters(outputs)).tags(tags(tags)));
    }

    /**
     * A first deployment through a change set that is not executed yet: the stack exists in REVIEW_IN_PROGRESS, as a
     * CDK pipeline's new stack does between its change set's creation and execution.
     */
    public void createUnderReview(String name, Map<String, String> outputs) {
        cloudFormation.createChangeSet(r -> r.stackName(name).changeSetName("first-deployment")
                .changeSetType("CREATE").templateBody(template(outputs)).parameters(parameters(outputs)));
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
    }

    private static List<Parameter> parameters(Map<String, String> outputs) {
        return outputs.entrySet().stream()
                .map(o -> Parameter.builder().parameterKey(o.getKey()).parameterValue(o.getValue()).build())
                .toList();
    }

    private static String template(Map<String, String> outputs) {
        ObjectNode template = JSON.createObjectNode();
        ObjectNode parameters = template.putObject("Parameters");
        ObjectNode out = template.putObject("Outputs");
        outputs.keySet().forEach(key -> {
            parameters.putObject(key).put("Type", "String");
            out.putObject(key).putObject("Value").put("Ref", key);
        });
        template.putObject("Resources").putObject("Handle").put("Type", "AWS::CloudFormation::WaitConditionHandle");
        if (outputs.isEmpty()) {
            template.remove("Parameters");
            template.remove("Outputs");
        }
        return template.toString();
    }
}
