package functions.authorizer;

import functions.shared.TenantId;
import contract.UserRole;
import java.util.Optional;

/**
 * Whose users a trusted pool holds, so a token's role and tenant claims are believed only from the pool
 * that may issue them: staff roles only from the operations pool, tenant roles only from a tier's pooled
 * pool or, for a silo pool, only with that pool's own tenant. A claim that a pool may not issue is a 401,
 * whatever the rest of the token says: it is defence in depth should a pool's attributes ever be writable.
 *
 * @param kind       which kind of pool
 * @param siloTenant the one tenant of a {@link Kind#SILO} pool; empty otherwise
 */
record PoolScope(Kind kind, Optional<TenantId> siloTenant) {

    enum Kind { OPERATIONS, POOLED, SILO }

    static final PoolScope OPERATIONS = new PoolScope(Kind.OPERATIONS, Optional.empty());
    static final PoolScope POOLED = new PoolScope(Kind.POOLED, Optional.empty());

    PoolScope {
        if ((kind == Kind.SILO) != siloTenant.isPresent()) {
            throw new IllegalArgumentException("a silo pool scope, and only it, names its tenant");
        }
    }

    static PoolScope silo(TenantId tenant) {
        return new PoolScope(Kind.SILO, Optional.of(tenant));
    }

    /** Parses the optional third field of a {@code TRUSTED_POOLS} entry: {@code operations}, {@code pooled}, {@code tenant:<id>}. */
    static PoolScope parse(String raw) {
        if (raw.equals("operations")) {
            return OPERATIONS;
        }
        if (raw.equals("pooled")) {
            return POOLED;
        }
        if (raw.startsWith("tenant:") && TenantId.isValid(raw.substring("tenant:".length()))) {
            return silo(new TenantId(raw.substring("tenant:".length())));
        }
        throw new IllegalArgumentException("pool scope must be 'operations', 'pooled' or 'tenant:<tenantId>', got '"
                + raw + "'");
    }

    /** Whether a token of this pool may carry {@code role} for {@code tenant}. */
    boolean admits(UserRole role, Optional<TenantId> tenant) {
        return switch (kind) {
            case OPERATIONS -> Roles.isStaff(role);
            case POOLED -> !Roles.isStaff(role);
            case SILO -> !Roles.isStaff(role) && tenant.equals(siloTenant);
        };
    }
}
