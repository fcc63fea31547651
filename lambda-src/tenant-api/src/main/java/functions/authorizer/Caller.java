package functions.authorizer;

import functions.shared.TenantId;
import contract.UserRole;
import java.util.Optional;

/**
 * Who a verified ID token speaks for.
 *
 * @param subject the user's {@code sub}, the policy's principal
 * @param role    {@code custom:userRole}
 * @param tenant  {@code custom:tenantId}; always present for tenant roles, maybe for staff
 * @param tier    {@code custom:tier}; always present for tenant roles, maybe for staff
 */
record Caller(String subject, UserRole role, Optional<TenantId> tenant, Optional<String> tier) {
}
