package functions.pipeline;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Loads the DynamoDB stream events under {@code src/test/resources/events/stream/} with the serializer the
 * Lambda Java runtime itself uses. Plain Jackson cannot: the events library's model expects {@code records},
 * {@code s}, {@code n}, ... where the stream delivers {@code Records}, {@code S}, {@code N}.
 */
final class StreamEvents {

    private static final PojoSerializer<DynamodbEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StreamEvents.class.getClassLoader());

    private StreamEvents() {
    }

    static DynamodbEvent load(String name) {
        try (InputStream in = StreamEvents.class.getResourceAsStream("/events/stream/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no event file events/stream/" + name);
            }
            return SERIALIZER.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
