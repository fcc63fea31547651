package functions.pipeline;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import contract.Keys;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a DynamoDB stream record of the TenantStackMapping table (key {@code tenantId} S) into a
 * {@link ParsedRecord}. Every problem becomes an {@link UnreadableRecord} whose reason names the part of
 * the record, never its values: images may hold more than deployment fields.
 */
final class StreamRecordParser {

    static final String KEY = Keys.TENANT_ID;

    private StreamRecordParser() {
    }

    static ParsedRecord parse(DynamodbStreamRecord record) {
        StreamRecord dynamodb = record.getDynamodb();
        String sequenceNumber = dynamodb == null ? null : blankToNull(dynamodb.getSequenceNumber());
        try {
            if (dynamodb == null) {
                throw new Unreadable("no dynamodb section");
            }
            if (sequenceNumber == null) {
                throw new Unreadable("no dynamodb.SequenceNumber");
            }
            String tenantId = key(dynamodb.getKeys());
            TenantChange.Type type = type(record.getEventName());
            Optional<Deployment> before = type == TenantChange.Type.INSERT
                    ? Optional.empty() : Optional.of(deployment("OldImage", dynamodb.getOldImage()));
            Optional<Deployment> after = type == TenantChange.Type.REMOVE
                    ? Optional.empty() : Optional.of(deployment("NewImage", dynamodb.getNewImage()));
            return new TenantChange(sequenceNumber, tenantId, type, before, after);
        } catch (Unreadable e) {
            return new UnreadableRecord(sequenceNumber, e.getMessage());
        }
    }

    private static String key(Map<String, AttributeValue> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new Unreadable("no dynamodb.Keys");
        }
        String tenantId = string("Keys", keys, KEY);
        if (tenantId == null) {
            throw new Unreadable("dynamodb.Keys has no " + KEY);
        }
        return tenantId;
    }

    private static TenantChange.Type type(String eventName) {
        if (eventName == null) {
            throw new Unreadable("no eventName");
        }
        return switch (eventName) {
            case "INSERT" -> TenantChange.Type.INSERT;
            case "MODIFY" -> TenantChange.Type.MODIFY;
            case "REMOVE" -> TenantChange.Type.REMOVE;
            default -> throw new Unreadable("unknown eventName " + eventName);
        };
    }

    private static Deployment deployment(String imageName, Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            // Missing on a record that needs it: the stream is not NEW_AND_OLD_IMAGES, or the record is damaged.
            throw new Unreadable("no dynamodb." + imageName);
        }
        String tenantId = string(imageName, image, KEY);
        if (tenantId == null) {
            throw new Unreadable("dynamodb." + imageName + " has no " + KEY);
        }
        return new Deployment(tenantId,
                string(imageName, image, "tier"),
                string(imageName, image, "account"),
                string(imageName, image, "region"),
                bool(imageName, image, "canary"),
                number(imageName, image, "wave"),
                string(imageName, image, "stackName"),
                number(imageName, image, "monthlyBudgetUsd"));
    }

    private static String string(String where, Map<String, AttributeValue> item, String name) {
        AttributeValue value = present(item.get(name));
        if (value == null) {
            return null;
        }
        if (value.getS() == null) {
            throw wrongType(where, name, "a string (S)");
        }
        return value.getS();
    }

    private static Boolean bool(String where, Map<String, AttributeValue> item, String name) {
        AttributeValue value = present(item.get(name));
        if (value == null) {
            return null;
        }
        if (value.getBOOL() == null) {
            throw wrongType(where, name, "a boolean (BOOL)");
        }
        return value.getBOOL();
    }

    private static BigDecimal number(String where, Map<String, AttributeValue> item, String name) {
        AttributeValue value = present(item.get(name));
        if (value == null) {
            return null;
        }
        try {
            if (value.getN() == null) {
                throw wrongType(where, name, "a number (N)");
            }
            return new BigDecimal(value.getN());
        } catch (NumberFormatException e) {
            throw wrongType(where, name, "a number (N)");
        }
    }

    // An attribute set to DynamoDB NULL means the same as an absent one.
    private static AttributeValue present(AttributeValue value) {
        return value == null || Boolean.TRUE.equals(value.getNULL()) ? null : value;
    }

    private static Unreadable wrongType(String where, String name, String expected) {
        return new Unreadable("dynamodb." + where + "." + name + " is not " + expected);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Control flow inside the parser only; becomes the record's {@link UnreadableRecord#reason()}. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
