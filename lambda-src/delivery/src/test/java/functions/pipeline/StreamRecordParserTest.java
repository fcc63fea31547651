package functions.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamRecordParserTest {

    private static Map<String, AttributeValue> acme() {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("tenantId", new AttributeValue().withS("acme"));
        image.put("tenantName", new AttributeValue().withS("Acme Corp"));
        image.put("tier", new AttributeValue().withS("PLATINUM"));
        image.put("account", new AttributeValue().withS("333333333333"));
        image.put("region", new AttributeValue().withS("eu-west-1"));
        image.put("canary", new AttributeValue().withBOOL(true));
        image.put("wave", new AttributeValue().withN("2"));
        image.put("stackName", new AttributeValue().withS("saas-silo-acme"));
        image.put("status", new AttributeValue().withS("ACTIVE"));
        image.put("updatedAt", new AttributeValue().withS("2026-01-10T08:00:00Z"));
        return image;
    }

    private static Map<String, AttributeValue> with(String name, AttributeValue value) {
        Map<String, AttributeValue> image = acme();
        if (value == null) {
            image.remove(name);
        } else {
            image.put(name, value);
        }
        return image;
    }

    private static ParsedRecord modify(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        var record = new DynamodbStreamRecord();
        record.setEventName("MODIFY");
        record.setDynamodb(new StreamRecord()
                .withKeys(Map.of("tenantId", new AttributeValue().withS("acme")))
                .withOldImage(oldImage)
                .withNewImage(newImage)
                .withSequenceNumber("100"));
        return StreamRecordParser.parse(record);
    }

    private static boolean relevant(ParsedRecord parsed) {
        return assertInstanceOf(TenantChange.class, parsed).isRelevant();
    }

    @Test
    void deploymentFieldsAreReadFromTheImages() {
        TenantChange change = assertInstanceOf(TenantChange.class, modify(acme(), acme()));

        assertEquals(Optional.of(new Deployment("acme", "PLATINUM", "333333333333", "eu-west-1", true,
                new BigDecimal("2"), "saas-silo-acme", null)), change.after());
        assertEquals("acme", change.tenantId());
        assertEquals("100", change.sequenceNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tier", "account", "region", "stackName"})
    void changeOfAStringDeploymentFieldIsRelevant(String field) {
        assertTrue(relevant(modify(acme(), with(field, new AttributeValue().withS("changed")))));
    }

    @Test
    void changeOfCanaryOrWaveIsRelevant() {
        assertTrue(relevant(modify(acme(), with("canary", new AttributeValue().withBOOL(false)))));
        assertTrue(relevant(modify(acme(), with("wave", new AttributeValue().withN("3")))));
        assertTrue(relevant(modify(acme(), with("wave", null))));
    }

    @Test
    void aNewOrChangedMonthlyBudgetIsRelevantTheSameAmountWrittenAgainIsNot() {
        // The budget is a resource of the silo stack (AWS::Budgets::Budget): only the pipeline changes it.
        assertTrue(relevant(modify(acme(), with("monthlyBudgetUsd", new AttributeValue().withN("500")))));
        assertTrue(relevant(modify(with("monthlyBudgetUsd", new AttributeValue().withN("500")),
                with("monthlyBudgetUsd", new AttributeValue().withN("750")))));
        assertFalse(relevant(modify(with("monthlyBudgetUsd", new AttributeValue().withN("500")),
                with("monthlyBudgetUsd", new AttributeValue().withN("500.00")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenantName", "status", "updatedAt", "contactEmail"})
    void changeOfAnyOtherAttributeIsNotRelevant(String field) {
        assertFalse(relevant(modify(acme(), with(field, new AttributeValue().withS("changed")))));
    }

    @Test
    void sameWaveWrittenAsAnotherNumberIsNotAChange() {
        assertFalse(relevant(modify(acme(), with("wave", new AttributeValue().withN("2.0")))));
    }

    @Test
    void attributeSetToNullIsTheSameAsAnAbsentOne() {
        assertFalse(relevant(modify(with("wave", null), with("wave", new AttributeValue().withNULL(true)))));
    }

    @Test
    void deploymentFieldOfTheWrongTypeIsUnreadableNamingTheFieldButNotTheValue() {
        var parsed = assertInstanceOf(UnreadableRecord.class,
                modify(acme(), with("canary", new AttributeValue().withS("yes-please"))));

        assertEquals("100", parsed.sequenceNumber());
        assertEquals("dynamodb.NewImage.canary is not a boolean (BOOL)", parsed.reason());
    }

    @Test
    void waveThatIsNotANumberIsUnreadable() {
        var parsed = assertInstanceOf(UnreadableRecord.class,
                modify(with("wave", new AttributeValue().withS("two")), acme()));

        assertEquals("dynamodb.OldImage.wave is not a number (N)", parsed.reason());
    }

    @Test
    void unknownEventNameIsUnreadable() {
        var record = new DynamodbStreamRecord();
        record.setEventName("TRUNCATE");
        record.setDynamodb(new StreamRecord()
                .withKeys(Map.of("tenantId", new AttributeValue().withS("acme")))
                .withSequenceNumber("7"));

        assertEquals(new UnreadableRecord("7", "unknown eventName TRUNCATE"), StreamRecordParser.parse(record));
    }

    @Test
    void insertWithoutNewImageIsUnreadable() {
        var record = new DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord()
                .withKeys(Map.of("tenantId", new AttributeValue().withS("acme")))
                .withSequenceNumber("8"));

        assertEquals(new UnreadableRecord("8", "no dynamodb.NewImage"), StreamRecordParser.parse(record));
    }

    @Test
    void recordWithoutDynamodbSectionIsUnreadableWithoutASequenceNumber() {
        var record = new DynamodbStreamRecord();
        record.setEventName("INSERT");

        assertEquals(new UnreadableRecord(null, "no dynamodb section"), StreamRecordParser.parse(record));
    }
}
