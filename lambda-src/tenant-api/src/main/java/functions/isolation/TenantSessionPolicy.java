package functions.isolation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import functions.shared.Sharding;
import functions.shared.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The session policy a pooled function passes to STS AssumeRole for one tenant: the DynamoDB actions
 * {@link functions.shared.ShardedTenantTable} sends, on the pooled tables only, and only when every partition key
 * of the request is one of the tenant's own shard keys.
 *
 * <p>The condition lists the exact shard keys ({@code ForAllValues:StringEquals} on {@code dynamodb:LeadingKeys},
 * {@code acme-0 … acme-<N-1>}), not a prefix. Tenant slugs may contain '-', so the prefix pattern {@code acme-*}
 * would also match {@code acme-two-0}, a key of tenant {@code acme-two}. An exact key can belong to one tenant
 * only: the shard suffix is digits after the last '-', so the tenant part of a key is fixed by the key itself.
 * The list is short (the largest tier has 4 shards) and comes from the same {@link Sharding} that builds the
 * keys, so the policy and the code cannot drift apart.
 *
 * <p>{@code Null: dynamodb:LeadingKeys = false} is there because {@code ForAllValues} is true for a request
 * without the key at all (a Scan, say): the request must name keys, and all of them must be the tenant's.
 * Scan, the batch and transaction actions and PartiQL are not allowed: the code does not use them, and a Scan
 * cannot be confined by {@code LeadingKeys}.
 *
 * <p>Tables encrypted with a customer-managed KMS key need a second statement: DynamoDB decrypts the table key
 * with the caller's own permissions (cached per principal), and a session policy caps those too. It allows the
 * key's use only through DynamoDB ({@code kms:ViaService} {@code dynamodb.*}), so it reaches no further than the
 * DynamoDB statement does.
 */
public final class TenantSessionPolicy {

    /** STS rejects a session policy longer than this, in plain text (and refuses one whose packed form is too big). */
    public static final int STS_PLAINTEXT_LIMIT = 2048;

    /** What ShardedTenantTable sends: PutItem, GetItem, UpdateItem, DeleteItem, Query. Nothing else. */
    public static final List<String> ACTIONS = List.of(
            "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query");

    /** The key uses DynamoDB makes on the caller's behalf; through DynamoDB only. */
    public static final List<String> KEY_ACTIONS = List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");

    /** A table (not an index, stream or backup) ARN, in any partition. */
    static final Pattern TABLE_ARN =
            Pattern.compile("arn:aws(-[a-z]+)*:dynamodb:[a-z0-9-]+:[0-9]{12}:table/[A-Za-z0-9_.-]{3,255}");
    /** A KMS key ARN (not an alias), in any partition. */
    static final Pattern KEY_ARN = Pattern.compile("arn:aws(-[a-z]+)*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]{1,64}");

    /** The longest tenant id TenantId accepts (a UUID; slugs are at most 32 characters). */
    static final TenantId LONGEST_TENANT = new TenantId("ffffffff-ffff-ffff-ffff-ffffffffffff");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> tableArns;
    private final List<String> keyArns;
    private final Sharding sharding;

    /** For tables encrypted with an AWS owned or AWS managed key: no KMS statement. */
    public TenantSessionPolicy(List<String> tableArns, Sharding sharding) {
        this(tableArns, List.of(), sharding);
    }

    /**
     * @param keyArns the customer-managed keys of the tables; empty when they have none
     * @throws IllegalArgumentException when there is no table, an ARN is malformed, or the policy of the longest
     *                                  possible tenant id would not fit STS's limit
     */
    public TenantSessionPolicy(List<String> tableArns, List<String> keyArns, Sharding sharding) {
        this.tableArns = checked(tableArns, TABLE_ARN, "DynamoDB table");
        this.keyArns = checked(keyArns, KEY_ARN, "KMS key");
        this.sharding = Objects.requireNonNull(sharding, "sharding");
        if (this.tableArns.isEmpty()) {
            throw new IllegalArgumentException("at least one table ARN is required");
        }
        // Checked once, at init, for the worst tenant: a request must never be the first to find out.
        int worst = forTenant(LONGEST_TENANT).length();
        if (worst > STS_PLAINTEXT_LIMIT) {
            throw new IllegalArgumentException("the session policy of a " + LONGEST_TENANT.value().length()
                    + "-character tenant id would be " + worst + " characters, over STS's " + STS_PLAINTEXT_LIMIT
                    + ": fewer tables or shards per tenant");
        }
    }

    public List<String> tableArns() {
        return tableArns;
    }

    public List<String> keyArns() {
        return keyArns;
    }

    /** The policy document for {@code tenant}, compact JSON (whitespace counts against the STS limit). */
    public String forTenant(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        ObjectNode policy = MAPPER.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        ObjectNode statement = statements.addObject()
                .put("Sid", "OwnShardKeysOnly")
                .put("Effect", "Allow");
        strings(statement.putArray("Action"), ACTIONS);
        strings(statement.putArray("Resource"), tableArns);
        ObjectNode condition = statement.putObject("Condition");
        strings(condition.putObject("ForAllValues:StringEquals").putArray("dynamodb:LeadingKeys"),
                sharding.allShardKeys(tenant));
        condition.putObject("Null").put("dynamodb:LeadingKeys", "false");
        if (!keyArns.isEmpty()) {
            ObjectNode keys = statements.addObject()
                    .put("Sid", "TableKeysViaDynamoDbOnly")
                    .put("Effect", "Allow");
            strings(keys.putArray("Action"), KEY_ACTIONS);
            strings(keys.putArray("Resource"), keyArns);
            keys.putObject("Condition").putObject("StringLike").put("kms:ViaService", "dynamodb.*");
        }
        try {
            return MAPPER.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of strings", e);
        }
    }

    private static List<String> checked(List<String> arns, Pattern pattern, String kind) {
        Objects.requireNonNull(arns, kind + " ARNs");
        for (String arn : arns) {
            if (arn == null || !pattern.matcher(arn).matches()) {
                throw new IllegalArgumentException("not a " + kind + " ARN: '" + arn + "'");
            }
        }
        return List.copyOf(arns);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
