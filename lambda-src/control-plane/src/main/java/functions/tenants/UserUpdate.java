package functions.tenants;

/** The body of PUT /tenants/{tenantId}/users/{userName}: the role, the only mutable attribute. */
public record UserUpdate(String role) {
}
