package functions.pipeline;

/** One stream record as the trigger sees it: a tenant change, or a record it could not read. */
sealed interface ParsedRecord permits TenantChange, UnreadableRecord {

    /** The record's {@code dynamodb.SequenceNumber}: the item identifier Lambda checkpoints a DynamoDB stream by. */
    String sequenceNumber();
}
