package functions.pipeline;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;

/** The real {@link PipelineStarter}: {@code StartPipelineExecution} through one client per instance. */
final class CodePipelineStarter implements PipelineStarter {

    private final CodePipelineClient client;

    CodePipelineStarter(CodePipelineClient client) {
        this.client = client;
    }

    /** Built from the handler's constructor, i.e. during init, so the client is in the SnapStart snapshot. */
    static CodePipelineStarter create(String region) {
        return new CodePipelineStarter(CodePipelineClient.builder()
                // Same client choice as DynamoDbClientFactory: JDK-based, smallest jar, fastest restore.
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build());
    }

    @Override
    public String start(String pipelineName, String clientRequestToken) {
        return client.startPipelineExecution(request(pipelineName, clientRequestToken)).pipelineExecutionId();
    }

    static StartPipelineExecutionRequest request(String pipelineName, String clientRequestToken) {
        return StartPipelineExecutionRequest.builder()
                .name(pipelineName)
                .clientRequestToken(clientRequestToken)
                .build();
    }
}
