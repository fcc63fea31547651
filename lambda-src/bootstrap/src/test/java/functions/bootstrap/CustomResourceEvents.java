package functions.bootstrap;

import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Loads the CloudFormation custom resource events under {@code src/test/resources/events/cloudformation/}, reading
 * the PascalCase fields (and {@code ResponseURL}) the way the Lambda Java runtime's serializer does for
 * {@link CloudFormationCustomResourceEvent} (its CloudFormationCustomResourceEventMixin), with the placeholder
 * {@code RESPONSE_URL} replaced.
 */
final class CustomResourceEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {
    };

    private CustomResourceEvents() {
    }

    static CloudFormationCustomResourceEvent load(String name, String responseUrl) {
        try (InputStream in = CustomResourceEvents.class.getResourceAsStream("/events/cloudformation/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no event file events/cloudformation/" + name);
            }
            JsonNode json = MAPPER.readTree(in);
            return CloudFormationCustomResourceEvent.builder()
                    .withRequestType(text(json, "RequestType"))
                    .withServiceToken(text(json, "ServiceToken"))
                    .withResponseUrl(text(json, "ResponseURL").replace("RESPONSE_URL", responseUrl))
                    .withStackId(text(json, "StackId"))
                    .withRequestId(text(json, "RequestId"))
                    .withLogicalResourceId(text(json, "LogicalResourceId"))
                    .withPhysicalResourceId(text(json, "PhysicalResourceId"))
                    .withResourceType(text(json, "ResourceType"))
                    .withResourceProperties(properties(json, "ResourceProperties"))
                    .withOldResourceProperties(properties(json, "OldResourceProperties"))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    private static Map<String, Object> properties(JsonNode json, String field) {
        return json.hasNonNull(field) ? MAPPER.convertValue(json.get(field), PROPERTIES) : null;
    }
}
