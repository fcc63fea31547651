package functions.provisioning;

import functions.users.CognitoUserDirectory;
import functions.users.UserDirectory;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the SDK clients of one target stack: its region, its role's credentials. The HTTP clients are shared by
 * every stack (an SDK client does not close an HTTP client it was given), so a stack's clients cost no threads or
 * connection pools of their own.
 *
 * @param endpoint only set in tests, to send every call to one local server
 */
public record StackClients(SdkHttpClient jdkHttp, SdkHttpClient apacheHttp, Optional<URI> endpoint) {

    /** The production clients: built once per function instance, during init. */
    public static StackClients create(Optional<URI> endpoint) {
        // Apache for API Gateway only: UpdateApiKey is a PATCH, which HttpURLConnection cannot send.
        return new StackClients(UrlConnectionHttpClient.create(), ApacheHttpClient.create(), endpoint);
    }

    CloudFormationClient cloudFormation(String region, AwsCredentialsProvider credentials) {
        CloudFormationClientBuilder builder = CloudFormationClient.builder().httpClient(jdkHttp)
                .region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.addExecutionInterceptor(functions.shared.Telemetry.dynamoDbInterceptor()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    UserDirectory directory(String region, AwsCredentialsProvider credentials) {
        return CognitoUserDirectory.create(region, endpoint, credentials);
    }

    ApiKeys apiKeys(String region, AwsCredentialsProvider credentials, String stackName) {
        return ApiGatewayApiKeys.create(apacheHttp, region, credentials, endpoint, stackName);
    }

    DynamoDbClient dynamo(String region, AwsCredentialsProvider credentials) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(jdkHttp)
                .region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(c -> c.addExecutionInterceptor(functions.shared.Telemetry.dynamoDbInterceptor()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
