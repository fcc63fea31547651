package functions.registration;

import contract.Tier;

/** What a registration answers, the first time and on every replay of its Idempotency-Key. */
public record RegistrationView(String requestId, String tenantId, String tenantName, Tier tier, String status) {
}
