package functions.pipeline;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.codebuild.model.StartBuildRequest;

/**
 * The real {@link OnboardStarter}: {@code StartBuild} with the tenant as an environment variable override, which
 * applies to that build only (https://docs.aws.amazon.com/codebuild/latest/APIReference/API_StartBuild.html), and an
 * idempotency token, "valid for 5 minutes" there: a retried batch within that time starts no second build.
 */
final class CodeBuildOnboardStarter implements OnboardStarter {

    /** The variable the onboard build reads (scripts/onboard-tenant.sh). */
    static final String TENANT_ID = "TENANT_ID";

    private final CodeBuildClient client;

    CodeBuildOnboardStarter(CodeBuildClient client) {
        this.client = client;
    }

    /** Built from the handler's constructor, i.e. during init, so the client is in the SnapStart snapshot. */
    static CodeBuildOnboardStarter create(String region) {
        return new CodeBuildOnboardStarter(CodeBuildClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build());
    }

    @Override
    public String start(String projectName, String tenantId, String idempotencyToken) {
        return client.startBuild(request(projectName, tenantId, idempotencyToken)).build().id();
    }

    static StartBuildRequest request(String projectName, String tenantId, String idempotencyToken) {
        return StartBuildRequest.builder()
                .projectName(projectName)
                .environmentVariablesOverride(EnvironmentVariable.builder()
                        .name(TENANT_ID).value(tenantId).type(EnvironmentVariableType.PLAINTEXT).build())
                .idempotencyToken(idempotencyToken)
                .build();
    }
}
