package functions.registration;

import static functions.registration.RegistrationRepository.EXPIRES_AT;
import static functions.registration.RegistrationRepository.KEY;
import static functions.registration.RegistrationRepository.REQUEST;

import contract.Tier;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A {@code request#<requestId>} item of the Registrations table and its {@link RegistrationRecord}, both ways. */
final class RegistrationItems {

    private RegistrationItems() {
    }

    static Map<String, AttributeValue> toItem(RegistrationRecord r, String now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, s(REQUEST + r.requestId()));
        item.put("requestId", s(r.requestId()));
        item.put("fingerprint", s(r.fingerprint()));
        item.put("status", s(r.status().name()));
        item.put("tenantId", s(r.tenantId()));
        item.put("tenantName", s(r.tenantName()));
        item.put("nameKey", s(r.nameKey()));
        item.put("adminEmail", s(r.adminEmail()));
        item.put("tier", s(r.tier().name()));
        item.put("attempt", s(r.attempt()));
        item.put("leaseUntil", n(r.leaseUntil()));
        item.put("createdAt", s(r.createdAt()));
        item.put("updatedAt", s(now));
        optional(item, "address", r.address());
        optional(item, "phone", r.phone());
        optional(item, "codeHash", r.codeHash());
        if (r.codeHash() != null) {
            item.put("codeAttempts", n(r.codeAttempts()));
        }
        if (r.pending()) {
            item.put(EXPIRES_AT, n(r.expiresAt()));
        }
        return item;
    }

    static RegistrationRecord fromItem(Map<String, AttributeValue> item) {
        return new RegistrationRecord(item.get("requestId").s(), item.get("fingerprint").s(),
                RegistrationStatus.valueOf(item.get("status").s()), item.get("tenantId").s(),
                item.get("tenantName").s(), item.get("nameKey").s(), item.get("adminEmail").s(),
                Tier.valueOf(item.get("tier").s()), text(item, "address"), text(item, "phone"), item.get("attempt").s(),
                Long.parseLong(item.get("leaseUntil").n()), text(item, "failureReason"), text(item, "finishedAt"),
                item.get("createdAt").s(), text(item, "codeHash"), (int) number(item, "codeAttempts"),
                number(item, EXPIRES_AT));
    }

    private static void optional(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
