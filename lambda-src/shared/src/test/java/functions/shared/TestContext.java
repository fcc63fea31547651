package functions.shared;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Lambda context whose logger keeps every line, so tests can read what the function logged. */
public final class TestContext implements Context {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> lines = new ArrayList<>();
    private final int mark = LogCapture.mark();
    private final String functionName;
    private final String functionVersion;

    public TestContext() {
        this("test", "$LATEST");
    }

    /** As Lambda passes it when the alias routes a request to {@code functionVersion}, e.g. "7". */
    public TestContext(String functionName, String functionVersion) {
        this.functionName = functionName;
        this.functionVersion = functionVersion;
    }
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String message) {
            lines.add(message);
        }

        @Override
        public void log(byte[] message) {
            lines.add(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String message, LogLevel level) {
            lines.add(message);
        }
    };

    /**
     * Every log line the functions wrote to stdout since this context was made (EMF documents left out), parsed
     * as the JSON object it must be; and anything written to the runtime's logger, which must be nothing.
     */
    public List<JsonNode> jsonLines() {
        if (!lines.isEmpty()) {
            throw new AssertionError("a function logged through the Lambda runtime logger: " + lines);
        }
        return LogCapture.since(mark).stream().filter(line -> !line.isBlank()).map(line -> {
            try {
                return MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("stdout line is not JSON: " + line, e);
            }
        }).filter(json -> !json.has("_aws")).toList();
    }

    @Override
    public String getAwsRequestId() {
        return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "test-stream";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return functionVersion;
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
