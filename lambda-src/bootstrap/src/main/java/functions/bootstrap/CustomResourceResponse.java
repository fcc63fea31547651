package functions.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The answer CloudFormation waits for, in the fields AWS documents
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-responses.html): Status, Reason (required
 * when FAILED), PhysicalResourceId (non-empty, at most 1 KB, the same in every answer for the resource), StackId,
 * RequestId and LogicalResourceId copied from the request, NoEcho, Data. The whole body must not exceed
 * {@value #MAX_BODY_BYTES} bytes: a longer Reason is cut, and Data that does not fit turns the answer into FAILED.
 */
public record CustomResourceResponse(String status, String reason, String physicalResourceId, String stackId,
                                     String requestId, String logicalResourceId, boolean noEcho,
                                     Map<String, String> data) {

    public static final String SUCCESS = "SUCCESS";
    public static final String FAILED = "FAILED";
    static final int MAX_BODY_BYTES = 4096;
    static final int MAX_PHYSICAL_ID_BYTES = 1024;
    private static final int MAX_REASON_CHARS = 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public CustomResourceResponse {
        if (!SUCCESS.equals(status) && !FAILED.equals(status)) {
            throw new IllegalArgumentException("status must be SUCCESS or FAILED, got " + status);
        }
        Objects.requireNonNull(physicalResourceId, "physicalResourceId");
        data = data == null ? Map.of() : new TreeMap<>(data);
        if (FAILED.equals(status) && (reason == null || reason.isBlank())) {
            reason = "failed without a reason";
        }
        if (reason != null && reason.length() > MAX_REASON_CHARS) {
            reason = reason.substring(0, MAX_REASON_CHARS) + "...";
        }
    }

    public boolean succeeded() {
        return SUCCESS.equals(status);
    }

    /** The JSON body to PUT; a body over {@value #MAX_BODY_BYTES} bytes becomes a FAILED answer without Data. */
    public byte[] body() {
        byte[] body = json(this);
        if (body.length <= MAX_BODY_BYTES) {
            return body;
        }
        return json(new CustomResourceResponse(FAILED, "the response would be " + body.length + " bytes, over"
                + " CloudFormation's " + MAX_BODY_BYTES + "-byte limit", physicalResourceId, stackId, requestId,
                logicalResourceId, noEcho, Map.of()));
    }

    private static byte[] json(CustomResourceResponse response) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Status", response.status);
        if (response.reason != null) {
            fields.put("Reason", response.reason);
        }
        fields.put("PhysicalResourceId", response.physicalResourceId);
        fields.put("StackId", response.stackId);
        fields.put("RequestId", response.requestId);
        fields.put("LogicalResourceId", response.logicalResourceId);
        fields.put("NoEcho", response.noEcho);
        fields.put("Data", response.data);
        try {
            return MAPPER.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a custom resource response", e);
        }
    }
}
