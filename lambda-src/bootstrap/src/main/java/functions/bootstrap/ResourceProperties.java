package functions.bootstrap;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, path-naming access to one object of a custom resource's properties. CloudFormation passes every scalar
 * property value as a string (a template's {@code 1} arrives as {@code "1"}), so numbers are read from either form
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/crpg-ref-requests.html). Every failure is a
 * {@link PropertyException} naming the full path, e.g. {@code operators[1].role}.
 */
public final class ResourceProperties {

    private final Map<String, Object> values;
    private final String path;

    private ResourceProperties(Map<String, Object> values, String path) {
        this.values = Objects.requireNonNull(values, "values");
        this.path = path;
    }

    /**
     * {@code keys} and the properties CloudFormation itself adds to every request's ResourceProperties: ServiceToken
     * and, when the template sets it, ServiceTimeout.
     */
    public static Set<String> withServiceKeys(String... keys) {
        Set<String> all = new TreeSet<>(List.of(keys));
        all.add("ServiceToken");
        all.add("ServiceTimeout");
        return Set.copyOf(all);
    }

    /** The top level of a request's properties; null is read as no properties. */
    public static ResourceProperties of(Map<String, Object> values) {
        return new ResourceProperties(values == null ? Map.of() : values, "");
    }

    String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Every key is one of {@code allowed}: a typo in a hand-edited template must not be dropped silently. */
    public ResourceProperties rejectUnknown(Set<String> allowed) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!allowed.contains(key)) {
                throw new PropertyException(name(key), "is unknown; allowed: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    public Set<String> keys() {
        return new TreeSet<>(values.keySet());
    }

    public String text(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new PropertyException(name(key), "is missing");
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new PropertyException(name(key), "must be a non-empty string");
        }
        return text;
    }

    /** An integer >= 1 given as a number or a string of digits, or empty when absent. */
    public Optional<Integer> optionalPositiveInt(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            int number = value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue()
                    : Integer.parseInt(String.valueOf(value));
            if (number >= 1) {
                return Optional.of(number);
            }
        } catch (NumberFormatException e) {
            // Reported below, like a number below 1.
        }
        throw new PropertyException(name(key), "must be an integer >= 1, got '" + value + "'");
    }

    public ResourceProperties object(String key) {
        return optionalObject(key).orElseThrow(() -> new PropertyException(name(key), "is missing"));
    }

    @SuppressWarnings("unchecked")
    public Optional<ResourceProperties> optionalObject(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new PropertyException(name(key), "must be an object");
        }
        return Optional.of(new ResourceProperties((Map<String, Object>) map, name(key)));
    }

    /** The list's objects, each named {@code key[i]}; empty when absent. */
    @SuppressWarnings("unchecked")
    public List<ResourceProperties> objects(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new PropertyException(name(key), "must be a list");
        }
        var objects = new java.util.ArrayList<ResourceProperties>();
        for (int i = 0; i < list.size(); i++) {
            String element = name(key) + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new PropertyException(element, "must be an object");
            }
            objects.add(new ResourceProperties((Map<String, Object>) map, element));
        }
        return objects;
    }
}
