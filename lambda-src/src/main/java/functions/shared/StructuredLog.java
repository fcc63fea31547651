package functions.shared;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per log line through the runtime's {@link LambdaLogger}, always with the tenant id
 * as a key once it is known. With the function's log format set to JSON the runtime adds timestamp,
 * level and request id and applies the configured log level; the object is the {@code message}.
 * Chosen over Powertools logging, which needs a log4j2/logback backend (and AspectJ for its annotations).
 */
public final class StructuredLog {

    private final LambdaLogger logger;
    private final Map<String, Object> keys;

    private StructuredLog(LambdaLogger logger, Map<String, Object> keys) {
        this.logger = logger;
        this.keys = keys;
    }

    public static StructuredLog of(Context context) {
        LambdaLogger logger = context != null && context.getLogger() != null
                ? context.getLogger() : LambdaRuntime.getLogger();
        return new StructuredLog(logger, Map.of());
    }

    /** A logger that adds {@code key} to every line it writes. */
    public StructuredLog with(String key, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(keys);
        next.put(key, value);
        return new StructuredLog(logger, next);
    }

    /** Writes {@code {"event": event, <keys>, k1: v1, k2: v2, ...}}; values may be null. */
    public void info(String event, Object... keyValues) {
        write(LogLevel.INFO, event, keyValues);
    }

    public void warn(String event, Object... keyValues) {
        write(LogLevel.WARN, event, keyValues);
    }

    public void error(String event, Object... keyValues) {
        write(LogLevel.ERROR, event, keyValues);
    }

    private void write(LogLevel level, String event, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.putAll(keys);
        for (int i = 0; i < keyValues.length; i += 2) {
            line.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        logger.log(Json.write(line), level);
    }
}
