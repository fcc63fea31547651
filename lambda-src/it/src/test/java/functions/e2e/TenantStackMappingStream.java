package functions.e2e;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import testsupport.Moto;

/**
 * What Lambda's event source mapping hands the pipeline trigger: the TenantStackMapping stream's records as moto's
 * DynamoDB Streams returns them ({@code DescribeStream}, {@code GetShardIterator}, {@code GetRecords}), each with the
 * stream's {@code eventSourceARN}, read into {@link DynamodbEvent} by the serializer the Lambda Java runtime uses.
 * The wire JSON is kept as is (not the SDK's model) so that the event is exactly the service's records.
 */
final class TenantStackMappingStream {

    record Batch(DynamodbEvent event, List<String> eventNames) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final PojoSerializer<DynamodbEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, TenantStackMappingStream.class.getClassLoader());

    private TenantStackMappingStream() {
    }

    /** Every record of {@code table}'s stream about {@code tenantId}, oldest first, as one batch. */
    static Batch read(String table, String tenantId) {
        String streamArn = call("DynamoDB_20120810.DescribeTable", JSON.createObjectNode().put("TableName", table))
                .at("/Table/LatestStreamArn").asText();
        ArrayNode records = JSON.createArrayNode();
        List<String> names = new ArrayList<>();
        for (JsonNode shard : call("DynamoDBStreams_20120810.DescribeStream",
                JSON.createObjectNode().put("StreamArn", streamArn)).at("/StreamDescription/Shards")) {
            String iterator = call("DynamoDBStreams_20120810.GetShardIterator", JSON.createObjectNode()
                    .put("StreamArn", streamArn).put("ShardId", shard.get("ShardId").asText())
                    .put("ShardIteratorType", "TRIM_HORIZON")).get("ShardIterator").asText();
            for (JsonNode record : call("DynamoDBStreams_20120810.GetRecords",
                    JSON.createObjectNode().put("ShardIterator", iterator)).get("Records")) {
                if (tenantId.equals(record.at("/dynamodb/Keys/tenantId/S").asText())) {
                    ObjectNode delivered = record.deepCopy();
                    delivered.put("eventSourceARN", streamArn);
                    records.add(delivered);
                    names.add(record.get("eventName").asText());
                }
            }
        }
        ObjectNode event = JSON.createObjectNode();
        event.set("Records", records);
        try {
            return new Batch(SERIALIZER.fromJson(new ByteArrayInputStream(JSON.writeValueAsBytes(event))), names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode call(String target, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(Moto.get().endpoint())
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0")
                // moto reads the account from the access key of the credential scope; no signature is checked.
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/" + MotoFleet.CONTROL_REGION
                        + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(target + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
