package functions.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import functions.provisioning.AccountRegion;
import functions.provisioning.PlatformSettings;
import functions.provisioning.SiloPlacement;
import contract.Tier;
import functions.shared.MotoDynamoDb;
import functions.shared.TestContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Custom::SettingsSeed driven with CloudFormation's Create/Update/Delete events against moto's DynamoDB, answering
 * to a local ResponseURL; what it writes is read back by the control plane's own PlatformSettings.
 */
class SettingsSeedHandlerTest {

    private static final String STACK_ID =
            "arn:aws:cloudformation:us-east-1:111111111111:stack/saas-baseline/5b6f0f30-93d4-11ef-9d0e-0affd3b0c2a1";
    // TestContext has 30 s left: a 1 s margin leaves the work 29 s.
    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final MotoDynamoDb moto = MotoDynamoDb.get();
    private final ResponseCatcher responses = new ResponseCatcher();
    private String table;

    @BeforeEach
    void createTable() {
        table = moto.createKeyedTable(PlatformSettings.KEY, null);
    }

    @AfterEach
    void stop() {
        responses.close();
    }

    private JsonNode send(String event) {
        return send(new SettingsSeedHandler(new SettingsSeed(moto.client(), table), MARGIN), event);
    }

    private JsonNode send(SettingsSeedHandler handler, String event) {
        int before = responses.received().size();
        handler.handleRequest(CustomResourceEvents.load(event, responses.url()), new TestContext());
        List<ResponseCatcher.Received> all = responses.received();
        assertEquals(before + 1, all.size(), "one answer per request");
        ResponseCatcher.Received answer = all.get(all.size() - 1);
        assertEquals("PUT", answer.method());
        assertTrue(answer.path().endsWith("?X-Amz-Signature=abc"), "the pre-signed URL is used as given");
        // The pre-signed URL's signature covers no content type.
        assertNull(answer.contentType());
        assertTrue(answer.body().length <= 4096);
        return answer.json();
    }

    private List<Map<String, AttributeValue>> items() {
        return moto.client().scan(r -> r.tableName(table)).items().stream()
                .sorted(Comparator.comparing(item -> item.get(PlatformSettings.KEY).s())).toList();
    }

    private PlatformSettings settings() {
        return new PlatformSettings(moto.client(), table, Clock.systemUTC());
    }

    @Test
    void createWritesThePlacementsThatPlatformSettingsReadsAndAnswersSuccess() {
        JsonNode answer = send("settings-create.json");

        assertEquals("SUCCESS", answer.get("Status").asText());
        assertEquals("saas-baseline-SettingsSeed", answer.get("PhysicalResourceId").asText());
        assertEquals(STACK_ID, answer.get("StackId").asText());
        assertEquals("4e8d1b6c-1f0a-4a55-9d0c-2c3e1e3a7b01", answer.get("RequestId").asText());
        assertEquals("SettingsSeed", answer.get("LogicalResourceId").asText());
        assertEquals("siloPlacement,tier#BASIC", answer.get("Data").get("Settings").asText());
        assertEquals(new SiloPlacement("333333333333", "eu-west-1", Optional.of(1)), settings().siloPlacement());
        assertEquals(new AccountRegion("222222222222", "us-east-1"), settings().pooledTierPlacement(Tier.BASIC));
    }

    @Test
    void aReplayedCreateChangesNothingAndAnswersTheSamePhysicalId() {
        JsonNode first = send("settings-create.json");
        var written = items();

        JsonNode replay = send("settings-create.json");

        assertEquals("SUCCESS", replay.get("Status").asText());
        assertEquals(first.get("PhysicalResourceId"), replay.get("PhysicalResourceId"));
        assertEquals(written, items());
        assertEquals(2, written.size());
    }

    @Test
    void anUpdateRewritesEveryItemWholeAndKeepsThePhysicalId() {
        send("settings-create.json");

        JsonNode answer = send("settings-update.json");

        assertEquals("SUCCESS", answer.get("Status").asText());
        assertEquals("saas-baseline-SettingsSeed", answer.get("PhysicalResourceId").asText());
        // The wave is gone with the old item: the item is put whole.
        assertEquals(new SiloPlacement("444444444444", "us-west-2", Optional.empty()), settings().siloPlacement());
        assertEquals(new AccountRegion("222222222222", "eu-west-1"), settings().pooledTierPlacement(Tier.BASIC));
    }

    @Test
    void aDeleteAnswersSuccessAndLeavesTheSettings() {
        send("settings-create.json");
        var written = items();

        JsonNode answer = send("settings-delete.json");

        assertEquals("SUCCESS", answer.get("Status").asText());
        assertEquals("saas-baseline-SettingsSeed", answer.get("PhysicalResourceId").asText());
        assertEquals(written, items());
    }

    @Test
    void aMalformedAccountAnswersFailedNamingThePropertyAndWritesNothing() {
        JsonNode answer = send("settings-create-bad-account.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertEquals("property 'siloPlacement.account' must be 12 digits, got '33333333333x'",
                answer.get("Reason").asText());
        assertEquals("saas-baseline-SettingsSeed", answer.get("PhysicalResourceId").asText());
        assertTrue(items().isEmpty());
    }

    @Test
    void anUnknownTierAnswersFailedNamingItAndWritesNothing() {
        JsonNode answer = send("settings-create-unknown-tier.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertTrue(answer.get("Reason").asText().startsWith("property 'tierPlacements.GOLD' is unknown"),
                answer.get("Reason").asText());
        assertTrue(items().isEmpty());
    }

    @Test
    void aTableThatDoesNotExistAnswersFailedWithTheServiceError() {
        var handler = new SettingsSeedHandler(new SettingsSeed(moto.client(), "no-such-table-" + table), MARGIN);

        JsonNode answer = send(handler, "settings-create.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertTrue(answer.get("Reason").asText().startsWith("ResourceNotFoundException"), answer.get("Reason").asText());
        assertEquals("saas-baseline-SettingsSeed", answer.get("PhysicalResourceId").asText());
    }

    @Test
    void theDeadlineDrawingNearAnswersFailedBeforeTheFunctionTimesOut() {
        // DynamoDB answering slower than the time left: the answer must still go out, FAILED.
        DynamoDbClient slow = moto.clientWith(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        // TestContext has 30 s left; keeping back all but 300 ms leaves the work 300 ms.
        var handler = new SettingsSeedHandler(new SettingsSeed(slow, table), Duration.ofMillis(29_700));
        long start = System.nanoTime();

        JsonNode answer = send(handler, "settings-create.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertTrue(answer.get("Reason").asText().contains("did not finish within 300 ms"), answer.get("Reason").asText());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4_000, "answered before the slow call ended");
    }

    @Test
    void aCallThatOverranAndIgnoresItsInterruptDoesNotHoldUpTheNextRequest() {
        // The first call to DynamoDB hangs 8 s and swallows the interrupt; the calls after it are prompt.
        var calls = new AtomicInteger();
        DynamoDbClient stuckOnce = moto.clientWith(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (calls.getAndIncrement() == 0) {
                    long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
                    while (System.nanoTime() < until) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException ignored) {
                            // Ignored on purpose: a call that does not stop when told.
                        }
                    }
                }
            }
        });
        // TestContext has 30 s left; keeping back 27 s leaves each request's work 3 s.
        var handler = new SettingsSeedHandler(new SettingsSeed(stuckOnce, table), Duration.ofSeconds(27));

        JsonNode first = send(handler, "settings-create.json");
        JsonNode second = send(handler, "settings-update.json");

        assertEquals("FAILED", first.get("Status").asText(), first.toString());
        assertEquals("SUCCESS", second.get("Status").asText(), second.toString());
    }

    @Test
    void aFunctionWithLessTimeLeftThanTheMarginAnswersFailedAndDoesNothing() {
        var handler = new SettingsSeedHandler(new SettingsSeed(moto.client(), table), Duration.ofSeconds(31));

        JsonNode answer = send(handler, "settings-create.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertTrue(answer.get("Reason").asText().contains("nothing was done"), answer.get("Reason").asText());
        assertFalse(answer.has("Data") && answer.get("Data").size() > 0);
        assertTrue(items().isEmpty());
    }
}
