package bench.registration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.CreateUsagePlanKeyRequest;
import software.amazon.awssdk.services.apigateway.model.DeleteApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.GetApiKeyRequest;
import software.amazon.awssdk.services.apigateway.model.GetApiKeysRequest;
import software.amazon.awssdk.services.cloudformation.model.DescribeStacksRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminAddUserToGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeleteGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetGroupRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * The floor: the AWS calls one registration made, sent again in the same order, as the very request objects the
 * service built, by clients configured like the service's, into the floor's fleet (other accounts, same table and
 * stack names) without the service. Only what moto chose for the service is swapped for what it chose for the floor:
 * the user pool and usage plan ids, the username (sub) of a user the replay created and the id of an API key it
 * created. DynamoDB requests go as they are (the tenant's userPoolId and apiKeyId attributes stay the service's:
 * data, of the same length). Each call must end like the recorded one (a response, or an exception of the same
 * class), or the floor would not be doing the same work.
 */
final class CallReplay {

    private final MotoFleet.Clients controlPlane;
    private final MotoFleet.Clients tiers;
    private final Set<String> tierTables;
    private final Map<String, String> fixedIds = new HashMap<>();

    CallReplay(MotoFleet recorded, MotoFleet floor) {
        this.controlPlane = floor.controlPlane();
        this.tiers = floor.tiers();
        this.tierTables = floor.tierStacks().values().stream().map(s -> s.resources().tenantApiKeysTable())
                .collect(Collectors.toUnmodifiableSet());
        for (var tier : recorded.tierStacks().keySet()) {
            var from = recorded.tierStacks().get(tier).resources();
            var to = floor.tierStacks().get(tier).resources();
            fixedIds.put(from.userPoolId(), to.userPoolId());
            fixedIds.put(from.usagePlanId(), to.usagePlanId());
        }
    }

    /** Sends {@code calls} again; the number of calls that ended otherwise than recorded (0 when all is well). */
    int replay(List<AwsCallMeter.Call> calls) {
        Map<String, String> ids = new HashMap<>(fixedIds);
        int differing = 0;
        for (AwsCallMeter.Call call : calls) {
            SdkResponse response = null;
            Throwable failure = null;
            try {
                response = send(call.request(), ids);
            } catch (SdkException e) {
                failure = e;
            }
            if (call.failure() != null
                    ? failure == null || failure.getClass() != call.failure().getClass()
                    : failure != null) {
                differing++;
            } else if (response != null) {
                learn(call.response(), response, ids);
            }
        }
        return differing;
    }

    // The ids moto made for the service's call and for the replay's, so later calls name the replay's.
    private static void learn(SdkResponse recorded, SdkResponse replayed, Map<String, String> ids) {
        if (recorded instanceof AdminCreateUserResponse r) {
            ids.put(r.user().username(), ((AdminCreateUserResponse) replayed).user().username());
        } else if (recorded instanceof CreateApiKeyResponse r) {
            ids.put(r.id(), ((CreateApiKeyResponse) replayed).id());
        }
    }

    private SdkResponse send(SdkRequest request, Map<String, String> ids) {
        // DynamoDB: the requests as the service built them.
        if (request instanceof GetItemRequest r) {
            return dynamo(r.tableName()).getItem(r);
        }
        if (request instanceof PutItemRequest r) {
            return dynamo(r.tableName()).putItem(r);
        }
        if (request instanceof UpdateItemRequest r) {
            return dynamo(r.tableName()).updateItem(r);
        }
        if (request instanceof DeleteItemRequest r) {
            return dynamo(r.tableName()).deleteItem(r);
        }
        if (request instanceof TransactWriteItemsRequest r) {
            return controlPlane.dynamo().transactWriteItems(r);
        }
        // Cognito, API Gateway: moto's ids swapped.
        var cognito = tiers.cognito();
        if (request instanceof GetGroupRequest r) {
            return cognito.getGroup(r.toBuilder().userPoolId(id(ids, r.userPoolId())).build());
        }
        if (request instanceof CreateGroupRequest r) {
            return cognito.createGroup(r.toBuilder().userPoolId(id(ids, r.userPoolId())).build());
        }
        if (request instanceof DeleteGroupRequest r) {
            return cognito.deleteGroup(r.toBuilder().userPoolId(id(ids, r.userPoolId())).build());
        }
        if (request instanceof AdminCreateUserRequest r) {
            return cognito.adminCreateUser(r.toBuilder().userPoolId(id(ids, r.userPoolId())).build());
        }
        if (request instanceof AdminAddUserToGroupRequest r) {
            return cognito.adminAddUserToGroup(r.toBuilder().userPoolId(id(ids, r.userPoolId()))
                    .username(ids.getOrDefault(r.username(), r.username())).build());
        }
        if (request instanceof AdminGetUserRequest r) {
            return cognito.adminGetUser(r.toBuilder().userPoolId(id(ids, r.userPoolId()))
                    .username(ids.getOrDefault(r.username(), r.username())).build());
        }
        if (request instanceof AdminDeleteUserRequest r) {
            return cognito.adminDeleteUser(r.toBuilder().userPoolId(id(ids, r.userPoolId()))
                    .username(ids.getOrDefault(r.username(), r.username())).build());
        }
        var apiGateway = tiers.apiGateway();
        if (request instanceof GetApiKeysRequest r) {
            return apiGateway.getApiKeys(r);
        }
        if (request instanceof CreateApiKeyRequest r) {
            return apiGateway.createApiKey(r);
        }
        if (request instanceof GetApiKeyRequest r) {
            return apiGateway.getApiKey(r.toBuilder().apiKey(id(ids, r.apiKey())).build());
        }
        if (request instanceof DeleteApiKeyRequest r) {
            return apiGateway.deleteApiKey(r.toBuilder().apiKey(id(ids, r.apiKey())).build());
        }
        if (request instanceof CreateUsagePlanKeyRequest r) {
            return apiGateway.createUsagePlanKey(r.toBuilder().usagePlanId(id(ids, r.usagePlanId()))
                    .keyId(id(ids, r.keyId())).build());
        }
        // The tier stack's outputs (once a minute) and its role (once an hour), when they fall in a registration.
        if (request instanceof DescribeStacksRequest r) {
            return tiers.cloudFormation().describeStacks(r);
        }
        if (request instanceof AssumeRoleRequest r) {
            return tiers.sts().assumeRole(r);
        }
        throw new IllegalStateException("the replay does not know " + request.getClass().getSimpleName()
                + ": add it to CallReplay");
    }

    private DynamoDbClient dynamo(String table) {
        return tierTables.contains(table) ? tiers.dynamo() : controlPlane.dynamo();
    }

    private static String id(Map<String, String> ids, String recorded) {
        return Objects.requireNonNull(ids.get(recorded), () -> "no id of the floor's fleet for " + recorded);
    }
}
