package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The synth reads each pipeline offboarder's environments table on moto, as it reads it in the pipeline account. */
class OffboarderMemoryTest {

    private final MotoCatalogTables tables = MotoCatalogTables.get();

    private static Map<String, AttributeValue> environment(String key) {
        return Map.of(OffboarderMemory.KEY, AttributeValue.fromS(key));
    }

    @Test
    void remembersEachAccountOnceWhateverItsRegions() {
        var table = tables.createTable(OffboarderMemory.KEY);
        tables.put(table, List.of(environment("555555555555/eu-west-1"), environment("555555555555/us-east-1"),
                environment("222222222222/us-east-1")));
        var memory = OffboarderMemory.dynamoDb(tables.client(), pipeline -> table);
        assertEquals(List.of("222222222222", "555555555555"), List.copyOf(memory.accounts("saas-fleet")));
    }

    @Test
    void aPipelineWhoseTableDoesNotExistYetRemembersNothing() {
        var memory = OffboarderMemory.dynamoDb(tables.client(), pipeline -> "absent-" + UUID.randomUUID());
        assertTrue(memory.accounts("saas-fleet-03").isEmpty());
    }

    @Test
    void aMalformedItemFailsTheSynthNamingTheTableAndTheItem() {
        var table = tables.createTable(OffboarderMemory.KEY);
        tables.put(table, List.of(environment("555555555555/eu-west-1"), environment("not-an-account/eu-west-1")));
        var memory = OffboarderMemory.dynamoDb(tables.client(), pipeline -> table);
        var error = assertThrows(CatalogException.class, () -> memory.accounts("saas-fleet"));
        assertTrue(error.getMessage().contains(table) && error.getMessage().contains("not-an-account/eu-west-1"),
                error.getMessage());
    }

    @Test
    void anUnreadableTableFailsTheSynthRatherThanForgetAnAccount() {
        try (var client = MotoCatalogTables.unreachableClient()) {
            var memory = OffboarderMemory.dynamoDb(client, pipeline -> pipeline + "-offboard-environments");
            var error = assertThrows(CatalogException.class, () -> memory.accounts("saas-fleet"));
            assertTrue(error.getMessage().contains("saas-fleet-offboard-environments"), error.getMessage());
        }
    }
}
