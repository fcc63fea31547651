package constructs;

import java.util.Objects;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * A DynamoDB table holding tenant or control-plane data: on-demand, point-in-time recovery, encrypted with
 * the stack's customer-managed key, deletion-protected and retained when its stack goes away, because tenant
 * data must outlive any deployment mistake or offboarding.
 */
public final class DataTable extends Construct {

    /**
     * @param partitionKey string partition key attribute name (required)
     * @param sortKey      string sort key attribute name; {@code null} for none (@default none)
     * @param key          customer-managed KMS key that encrypts the table (required)
     * @param stream       stream view type; {@code null} for no stream (@default no stream)
     * @param tableName    physical name, only for a table other systems must find without a lookup;
     *                     {@code null} lets CloudFormation name it (@default generated)
     */
    public record Props(String partitionKey, String sortKey, IKey key, StreamViewType stream, String tableName) {
        public Props {
            Objects.requireNonNull(partitionKey, "DataTable: partitionKey is required");
            Objects.requireNonNull(key, "DataTable: key is required");
        }

        /** Props by name: see each field above for whether it is required, and its default. */
        public static Builder builder() {
            return new Builder();
        }

        /** {@link #build()} checks the fields as the constructor does; an unset field has its default above. */
        public static final class Builder {
            private String partitionKey;
            private String sortKey;
            private IKey key;
            private StreamViewType stream;
            private String tableName;

            private Builder() {
            }

            public Builder partitionKey(String partitionKey) { this.partitionKey = partitionKey; return this; }
            public Builder sortKey(String sortKey) { this.sortKey = sortKey; return this; }
            public Builder key(IKey key) { this.key = key; return this; }
            public Builder stream(StreamViewType stream) { this.stream = stream; return this; }
            public Builder tableName(String tableName) { this.tableName = tableName; return this; }

            public Props build() {
                return new Props(partitionKey, sortKey, key, stream, tableName);
            }
        }
    }

    private final Table table;

    public DataTable(Construct scope, String id, Props props) {
        super(scope, id);
        var builder = Table.Builder.create(this, "Table")
                .partitionKey(stringAttribute(props.partitionKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(props.key())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN);
        if (props.sortKey() != null) {
            builder.sortKey(stringAttribute(props.sortKey()));
        }
        if (props.tableName() != null) {
            builder.tableName(props.tableName());
        }
        if (props.stream() != null) {
            builder.stream(props.stream());
        }
        this.table = builder.build();
    }

    static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    /** The table, for grants and for adding indexes. */
    public Table table() {
        return table;
    }
}
