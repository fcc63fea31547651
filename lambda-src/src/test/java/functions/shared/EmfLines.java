package functions.shared;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
                            String version, double value, String unit) {
    }

    /** Runs {@code block} with stdout captured; every data point of every EMF line it printed. */
    public static List<DataPoint> during(Runnable block) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            block.run();
        } finally {
            System.setOut(original);
        }
        List<DataPoint> points = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json = read(line);
            for (JsonNode directive : json.path("_aws").path("CloudWatchMetrics")) {
                List<String> keys = new ArrayList<>();
                // One dimension set per directive is what the rollout alarms match; more would be extra series.
                directive.path("Dimensions").forEach(set -> set.forEach(k -> keys.add(k.asText())));
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    points.add(new DataPoint(directive.path("Namespace").asText(), name, keys,
                            json.path(RequestMetrics.FUNCTION_NAME).asText(null),
                            json.path(RequestMetrics.VERSION).asText(null),
                            json.path(name).asDouble(), metric.path("Unit").asText()));
                }
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
