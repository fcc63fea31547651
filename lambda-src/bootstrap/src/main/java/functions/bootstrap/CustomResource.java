package functions.bootstrap;

import java.util.Map;

/**
 * What one custom resource type does; no Lambda types, so tests call it directly. Each method returns the response's
 * {@code Data} (small: the whole response must stay under 4096 bytes) or throws; {@link PropertyException} names a bad
 * property, anything else is a failure of the call itself.
 */
public interface CustomResource {

    /** The resource is created (or a Create is replayed): must be idempotent. */
    Map<String, String> create(ResourceProperties properties);

    /** The properties changed. @default the same as {@link #create} */
    default Map<String, String> update(ResourceProperties properties, ResourceProperties old) {
        return create(properties);
    }

    /** The resource leaves the stack. @default nothing: what the resource wrote stays */
    default Map<String, String> delete(ResourceProperties properties) {
        return Map.of();
    }
}
