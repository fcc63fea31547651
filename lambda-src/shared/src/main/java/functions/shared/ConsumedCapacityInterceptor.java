package functions.shared;

import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The DynamoDB capacity a request consumed, for the {@code ConsumedReadCapacity} / {@code ConsumedWriteCapacity}
 * metrics: asks every item and query call for {@code ReturnConsumedCapacity=TOTAL} (unless the caller asked for
 * something else; free of charge) and adds the {@code ConsumedCapacity} DynamoDB returns to the current invocation
 * ({@link Telemetry}). DynamoDB returns it only when the request asks for it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ConsumedCapacity.html). Reads are GetItem,
 * BatchGetItem, Query, Scan and TransactGetItems; the other item calls are writes. The SDK runs a synchronous
 * client's interceptors on the calling thread, so the units land in that thread's invocation.
 */
final class ConsumedCapacityInterceptor implements ExecutionInterceptor {

    private static final ReturnConsumedCapacity TOTAL = ReturnConsumedCapacity.TOTAL;

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof TransactWriteItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        if (request instanceof TransactGetItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(TOTAL).build();
        }
        return request;
    }

    @Override
    public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        if (response instanceof GetItemResponse r) {
            read(List.of(nullSafe(r.consumedCapacity())));
        } else if (response instanceof QueryResponse r) {
            read(List.of(nullSafe(r.consumedCapacity())));
        } else if (response instanceof ScanResponse r) {
            read(List.of(nullSafe(r.consumedCapacity())));
        } else if (response instanceof BatchGetItemResponse r) {
            read(r.consumedCapacity());
        } else if (response instanceof TransactGetItemsResponse r) {
            read(r.consumedCapacity());
        } else if (response instanceof PutItemResponse r) {
            write(List.of(nullSafe(r.consumedCapacity())));
        } else if (response instanceof UpdateItemResponse r) {
            write(List.of(nullSafe(r.consumedCapacity())));
        } else if (response instanceof DeleteItemResponse r) {
            write(List.of(nullSafe(r.consumedCapacity())));
        } else if (response instanceof BatchWriteItemResponse r) {
            write(r.consumedCapacity());
        } else if (response instanceof TransactWriteItemsResponse r) {
            write(r.consumedCapacity());
        }
    }

    private static ConsumedCapacity nullSafe(ConsumedCapacity capacity) {
        return capacity == null ? ConsumedCapacity.builder().build() : capacity;
    }

    private static void read(List<ConsumedCapacity> capacities) {
        add(capacities, true);
    }

    private static void write(List<ConsumedCapacity> capacities) {
        add(capacities, false);
    }

    // TOTAL gives CapacityUnits, and where a call consumed both kinds (a TransactWriteItems with a ConditionCheck
    // reads) also ReadCapacityUnits and WriteCapacityUnits: each split goes to its own kind, whatever the call;
    // without a split the total is the call's own kind.
    private static void add(List<ConsumedCapacity> capacities, boolean readCall) {
        double read = 0;
        double write = 0;
        for (ConsumedCapacity c : capacities) {
            if (c.readCapacityUnits() != null || c.writeCapacityUnits() != null) {
                read += c.readCapacityUnits() == null ? 0 : c.readCapacityUnits();
                write += c.writeCapacityUnits() == null ? 0 : c.writeCapacityUnits();
            } else if (c.capacityUnits() != null) {
                if (readCall) {
                    read += c.capacityUnits();
                } else {
                    write += c.capacityUnits();
                }
            }
        }
        Telemetry.consumed(read, write);
    }
}
