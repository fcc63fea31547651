package constructs;

import java.util.Objects;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * The customer-managed KMS key of one stack's data. Rotated yearly and retained with the stack's retained
 * tables: deleting the key would make the retained data unreadable.
 */
public final class DataKey extends Construct {

    /** @param description what the key protects (required) */
    public record Props(String description) {
        public Props {
            Objects.requireNonNull(description, "DataKey: description is required");
        }
    }

    private final Key key;

    public DataKey(Construct scope, String id, Props props) {
        super(scope, id);
        this.key = Key.Builder.create(this, "Key")
                .description(props.description())
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public Key key() {
        return key;
    }
}
