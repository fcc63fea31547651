package functions.pipeline;

/**
 * A record that could not be parsed or classified; reported as a batch item failure.
 *
 * @param sequenceNumber null only when the record has no {@code dynamodb} section or sequence number
 * @param reason         what is wrong, never the item's contents
 */
record UnreadableRecord(String sequenceNumber, String reason) implements ParsedRecord {
}
