package functions.isolation;

import functions.shared.ShardedTenantTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Records every DynamoDB request a client sends, as it leaves (after signing): the operation, the table, the
 * partition keys the request names (its {@code dynamodb:LeadingKeys}) and the access key that signed it. A request
 * whose partition keys cannot be read with certainty records {@code null} keys, which every assertion rejects.
 */
final class SentRequests implements ExecutionInterceptor {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/]+)/");

    /** One request as sent. */
    record Sent(String operation, String table, List<String> partitionKeys, String accessKeyId,
                String securityToken) {
        /** The IAM action this request is authorized as. */
        String action() {
            return "dynamodb:" + operation;
        }
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    void clear() {
        sent.clear();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String authorization = context.httpRequest().firstMatchingHeader("Authorization").orElse("");
        Matcher credential = CREDENTIAL.matcher(authorization);
        sent.add(new Sent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                table(context.request()), partitionKeys(context.request()),
                credential.find() ? credential.group(1) : null,
                context.httpRequest().firstMatchingHeader("X-Amz-Security-Token").orElse(null)));
    }

    private static String table(SdkRequest request) {
        return request.getValueForField("TableName", String.class).orElse(null);
    }

    private static List<String> partitionKeys(SdkRequest request) {
        if (request instanceof PutItemRequest put) {
            return key(put.item());
        } else if (request instanceof GetItemRequest get) {
            return key(get.key());
        } else if (request instanceof UpdateItemRequest update) {
            return key(update.key());
        } else if (request instanceof DeleteItemRequest delete) {
            return key(delete.key());
        } else if (request instanceof QueryRequest query) {
            // The one key condition shape ShardedTenantTable writes; anything else is unreadable here, so rejected.
            boolean known = "#pk = :pk".equals(query.keyConditionExpression())
                    && ShardedTenantTable.PARTITION_KEY.equals(query.expressionAttributeNames().get("#pk"))
                    && query.indexName() == null;
            return known ? key(Map.of(ShardedTenantTable.PARTITION_KEY, query.expressionAttributeValues().get(":pk")))
                    : null;
        }
        return null;
    }

    private static List<String> key(Map<String, AttributeValue> attributes) {
        AttributeValue value = attributes.get(ShardedTenantTable.PARTITION_KEY);
        return value == null || value.s() == null ? null : List.of(value.s());
    }
}
