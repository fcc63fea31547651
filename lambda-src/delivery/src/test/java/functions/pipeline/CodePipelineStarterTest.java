package functions.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.StartPipelineExecutionRequest;

/**
 * The real starter, up to the moment its signed HTTP request would leave the machine: moto 5.2.1 does not implement
 * StartPipelineExecution (HTTP 500), so neither the call nor how the service treats clientRequestToken can run on it.
 */
class CodePipelineStarterTest {

    private static final String TOKEN = RequestToken.derive("saas-fleet", List.of("4421584500000000017450439191"));

    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped before sending");
        }
    }

    /** Keeps each request as the SDK would send it, then stops the call: nothing reaches AWS. */
    private static final class StopBeforeSending implements ExecutionInterceptor {
        final List<SdkHttpRequest> requests = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            requests.add(context.httpRequest());
            bodies.add(context.requestBody().map(body -> {
                try (InputStream in = body.contentStreamProvider().newStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).orElse(new byte[0]));
            throw new Stopped();
        }
    }

    @Test
    void requestCarriesThePipelineNameAndTheClientRequestToken() {
        StartPipelineExecutionRequest request = CodePipelineStarter.request("saas-fleet", TOKEN);

        assertEquals("saas-fleet", request.name());
        assertEquals(TOKEN, request.clientRequestToken());
    }

    @Test
    void startSendsASignedStartPipelineExecutionToTheRegionalEndpoint() throws IOException {
        var stop = new StopBeforeSending();
        CodePipelineClient client = CodePipelineClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(stop))
                .build();

        assertThrows(Stopped.class, () -> new CodePipelineStarter(client).start("saas-fleet", TOKEN));

        assertEquals(1, stop.requests.size());
        SdkHttpRequest sent = stop.requests.get(0);
        assertEquals("codepipeline.eu-west-1.amazonaws.com", sent.host());
        assertEquals(List.of("CodePipeline_20150709.StartPipelineExecution"), sent.headers().get("X-Amz-Target"));
        JsonNode body = new ObjectMapper().readTree(stop.bodies.get(0));
        assertEquals("saas-fleet", body.get("name").asText());
        assertEquals(TOKEN, body.get("clientRequestToken").asText());
        assertTrue(sent.firstMatchingHeader("Authorization").orElseThrow().contains("/codepipeline/aws4_request"));
    }
}
