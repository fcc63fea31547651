package functions.registration;

import contract.Env;
import functions.shared.TooManyRequestsException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How many sign-up codes may be mailed per UTC day: in all, and to one address. Without it every anonymous
 * {@code POST /registration} sends a mail, and Cognito's default mailer allows about 50 a day for the whole account
 * and Region (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html), shared with the operators'
 * invitations: a few dozen requests would stop every mail of the control plane's account for the day. With an SES
 * sender the daily total is the fleet's choice, and the per-address cap keeps the sign-up from mailing one victim
 * over and over (five wrong codes free the claims, and a new sign-up mails again). Counters are items of the
 * Registrations table ({@code mailquota#<day>} and {@code mailquota#<day>#<email>}), incremented with a conditional
 * update before the mail goes; they expire by the table's TTL two days later.
 */
final class SignUpMailQuota {

    /** The Lambda environment variable with the day's total (stages.ControlPlane sets it from the catalog). */
    static final String VARIABLE = Env.SIGN_UP_MAILS_PER_DAY.variable();
    /** Without the variable: half of Cognito's default 50 a day, leaving the rest to the operators' invitations. */
    static final int DEFAULT_PER_DAY = 25;
    /** Codes one address may receive per day. */
    static final int PER_ADDRESS_PER_DAY = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int perDay;

    SignUpMailQuota(DynamoDbClient dynamo, String table, int perDay) {
        if (perDay < 1) {
            throw new IllegalArgumentException(VARIABLE + " must be at least 1, got " + perDay);
        }
        this.dynamo = dynamo;
        this.table = table;
        this.perDay = perDay;
    }

    /** The day's total from {@code env} ({@link #DEFAULT_PER_DAY} when unset); a bad value fails naming it. */
    static int perDay(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_PER_DAY;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(VARIABLE + " must be a whole number, got '" + value + "'", e);
        }
    }

    /** Counts one code to {@code email}; a 429 when the day's total or the address's share is used up. */
    void take(String email, Instant now) {
        String day = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        long expires = now.getEpochSecond() + 2 * 86_400;
        // The address first: a refused address then costs the day's total nothing.
        count("mailquota#" + day + "#" + email.toLowerCase(Locale.ROOT), PER_ADDRESS_PER_DAY, expires,
                "this address has been sent " + PER_ADDRESS_PER_DAY + " sign-up codes today; try again tomorrow");
        count("mailquota#" + day, perDay, expires,
                "the day's sign-up codes are used up; try again tomorrow or ask the operations team");
    }

    private void count(String key, int max, long expires, String refusal) {
        try {
            dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of(RegistrationRepository.KEY, AttributeValue.fromS(key)))
                    .updateExpression("ADD #sent :one SET #exp = if_not_exists(#exp, :exp)")
                    .conditionExpression("attribute_not_exists(#sent) OR #sent < :max")
                    .expressionAttributeNames(Map.of("#sent", "sent", "#exp", RegistrationRepository.EXPIRES_AT))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":max", AttributeValue.fromN(Integer.toString(max)),
                            ":exp", AttributeValue.fromN(Long.toString(expires)))));
        } catch (ConditionalCheckFailedException e) {
            throw new TooManyRequestsException(refusal);
        }
    }
}
