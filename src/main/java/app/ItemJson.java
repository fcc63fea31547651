package app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A DynamoDB item as the JSON record {@link TenantRecordValidator} judges, so a table item obeys exactly the
 * rules of a tenants.json record: S is a string, BOOL a boolean, N a number. Every other type is kept as its
 * closest JSON shape (L, SS, NS, BS an array, M an object, NULL null, B binary) so that, on a known field, the
 * validator reports it as a wrong type naming the item and the field, and never as a missing field.
 */
final class ItemJson {

    // Exact decimals: a wave stored as 2.50 must be reported as 2.50, not silently normalized.
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ItemJson() {
    }

    static ObjectNode of(Map<String, AttributeValue> item) {
        ObjectNode record = NODES.objectNode();
        item.forEach((name, value) -> record.set(name, node(value)));
        return record;
    }

    private static JsonNode node(AttributeValue value) {
        return switch (value.type()) {
            case S -> NODES.textNode(value.s());
            case BOOL -> NODES.booleanNode(value.bool());
            case N -> number(value.n());
            case NUL -> NODES.nullNode();
            case B -> binary(value.b());
            case M -> of(value.m());
            case L -> array().addAll(value.l().stream().map(ItemJson::node).toList());
            case SS -> array().addAll(value.ss().stream().map(NODES::textNode).toList());
            case NS -> array().addAll(value.ns().stream().map(ItemJson::number).toList());
            case BS -> array().addAll(value.bs().stream().map(ItemJson::binary).toList());
            // A type newer than this SDK has no JSON shape: a POJO node is reported as a wrong type too.
            case UNKNOWN_TO_SDK_VERSION -> NODES.pojoNode(value.toString());
        };
    }

    /** Integral numbers become JSON integers (a wave of 2), others decimals (2.5, rejected as a wave). */
    private static JsonNode number(String text) {
        // DynamoDB only stores and returns well-formed numbers of at most 38 significant digits.
        BigDecimal number = new BigDecimal(text);
        return number.stripTrailingZeros().scale() <= 0
                ? NODES.numberNode(number.toBigIntegerExact())
                : NODES.numberNode(number);
    }

    private static JsonNode binary(SdkBytes bytes) {
        return NODES.binaryNode(bytes.asByteArray());
    }

    private static ArrayNode array() {
        return NODES.arrayNode();
    }
}
