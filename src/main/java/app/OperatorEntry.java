package app;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One of the fleet's first operators (catalog top-level {@code operators}): a user of the operations pool that the
 * baseline's {@code Custom::Operators} creates with an invitation mail, exactly as the operators API does. Removing an
 * entry later never deletes or disables the user.
 *
 * @param email the operator's sign-in and invitation address, lowercased (required)
 * @param role  {@value #SYSTEM_ADMIN} or {@value #CUSTOMER_SUPPORT} (required)
 */
public record OperatorEntry(String email, String role) {

    public static final String SYSTEM_ADMIN = "SystemAdmin";
    public static final String CUSTOMER_SUPPORT = "CustomerSupport";
    public static final List<String> ROLES = List.of(SYSTEM_ADMIN, CUSTOMER_SUPPORT);

    public OperatorEntry {
        Objects.requireNonNull(email, "OperatorEntry: email is required");
        Objects.requireNonNull(role, "OperatorEntry: role is required");
        email = email.toLowerCase(Locale.ROOT);
        AwsRules.emailIssue(email).ifPresent(issue -> {
            throw new IllegalArgumentException("OperatorEntry: email " + issue);
        });
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("OperatorEntry: role must be one of " + ROLES + ", got " + role);
        }
    }
}
