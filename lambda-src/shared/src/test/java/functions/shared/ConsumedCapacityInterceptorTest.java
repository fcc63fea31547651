package functions.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * The units DynamoDB reports in {@code ConsumedCapacity} land in the invocation's read and write totals as
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConsumedCapacity.html describes them:
 * {@code CapacityUnits} is the total, {@code ReadCapacityUnits} / {@code WriteCapacityUnits} split it where a call
 * consumed both kinds (a transaction's ConditionCheck reads).
 */
class ConsumedCapacityInterceptorTest {

    private static double[] consumedBy(SdkRequest request, SdkResponse response) {
        return Telemetry.invoke(new TestContext(), Optional.empty(), () -> {
            new ConsumedCapacityInterceptor().afterUnmarshalling(
                    InterceptorContext.builder().request(request).response(response).build(),
                    new ExecutionAttributes());
            return Telemetry.consumedCapacity();
        });
    }

    @Test
    void aTransactionThatReadAndWroteCountsEachSplitInItsOwnKind() {
        var response = TransactWriteItemsResponse.builder().consumedCapacity(
                ConsumedCapacity.builder().tableName("a").capacityUnits(3.0).readCapacityUnits(1.0)
                        .writeCapacityUnits(2.0).build(),
                ConsumedCapacity.builder().tableName("b").capacityUnits(2.0).writeCapacityUnits(2.0).build()).build();

        assertArrayEquals(new double[] {1, 4}, consumedBy(TransactWriteItemsRequest.builder().build(), response));
    }

    @Test
    void withoutASplitTheTotalIsTheCallsOwnKind() {
        assertArrayEquals(new double[] {0, 1}, consumedBy(PutItemRequest.builder().build(),
                PutItemResponse.builder().consumedCapacity(c -> c.capacityUnits(1.0)).build()));
        assertArrayEquals(new double[] {0.5, 0}, consumedBy(QueryRequest.builder().build(),
                QueryResponse.builder().consumedCapacity(c -> c.capacityUnits(0.5)).build()));
    }
}
