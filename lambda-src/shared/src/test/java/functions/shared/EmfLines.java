package functions.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CloudWatch embedded-metric-format lines a block wrote to stdout, as Lambda hands them to CloudWatch Logs,
 * read back as CloudWatch would: the {@code _aws.CloudWatchMetrics} directive says which keys are metrics and
 * which dimensions they carry (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 */
public final class EmfLines {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EmfLines() {
    }

    /** One metric data point as CloudWatch extracts it from a line. */
    public record DataPoint(String namespace, String metric, List<String> dimensionKeys, String functionName,
                            String version, double value, String unit, JsonNode document) {

        /** A point of the rollout's document (dimensions exactly {FunctionName, Version}). */
        public boolean rollout() {
            return dimensionKeys.equals(List.of(RequestMetrics.FUNCTION_NAME, RequestMetrics.VERSION));
        }

        /** The value of a dimension or property of the point's document. */
        public String field(String key) {
            return document.path(key).asText(null);
        }
    }

    /** Runs {@code block} with stdout captured; every data point of every EMF line it printed. */
    public static List<DataPoint> during(Runnable block) {
        return documentsDuring(block).stream().flatMap(json -> points(json).stream()).toList();
    }

    /** Runs {@code block}; every EMF document (a stdout line with {@code _aws}) it printed, as JSON. */
    public static List<JsonNode> documentsDuring(Runnable block) {
        int mark = LogCapture.mark();
        block.run();
        return LogCapture.since(mark).stream()
                .filter(line -> line.startsWith("{") && line.contains("\"_aws\""))
                .map(EmfLines::read)
                .filter(json -> json.has("_aws"))
                .toList();
    }

    private static List<DataPoint> points(JsonNode json) {
        List<DataPoint> points = new ArrayList<>();
        for (JsonNode directive : json.path("_aws").path("CloudWatchMetrics")) {
            List<String> keys = new ArrayList<>();
            // One dimension set per directive is what the rollout alarms match; more would be extra series.
            directive.path("Dimensions").forEach(set -> set.forEach(k -> keys.add(k.asText())));
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                points.add(new DataPoint(directive.path("Namespace").asText(), name, keys,
                        json.path(RequestMetrics.FUNCTION_NAME).asText(null),
                        json.path(RequestMetrics.VERSION).asText(null),
                        json.path(name).asDouble(), metric.path("Unit").asText(), json));
            }
        }
        return points;
    }

    private static JsonNode read(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("stdout line is not JSON: " + line, e);
        }
    }
}
