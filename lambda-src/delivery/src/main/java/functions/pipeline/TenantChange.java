package functions.pipeline;

import java.util.Objects;
import java.util.Optional;

/**
 * A readable change to one tenant's TenantStackMapping item.
 *
 * @param before the deployment fields of the old image; empty for an {@link Type#INSERT}
 * @param after  the deployment fields of the new image; empty for a {@link Type#REMOVE}
 */
record TenantChange(String sequenceNumber, String tenantId, Type type, Optional<Deployment> before,
                    Optional<Deployment> after) implements ParsedRecord {

    /**
     * The key of the fleet marker item (the CDK app's {@code app.FleetMarker.TENANT_ID}, written once at
     * installation): never a tenant, so its records change no stack. Ignoring it also keeps the installation from
     * starting pipelines that do not exist yet.
     */
    static final String FLEET_MARKER_ID = "#fleet";

    /** The tier of silo tenants, as the control plane writes it. */
    static final String SILO_TIER = contract.Tier.PLATINUM.name();

    /** The stream's {@code eventName}. */
    enum Type { INSERT, MODIFY, REMOVE }

    TenantChange {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        if (before.isEmpty() != (type == Type.INSERT) || after.isEmpty() != (type == Type.REMOVE)) {
            throw new IllegalArgumentException(type + " needs exactly the images it has in the stream");
        }
    }

    /**
     * A tenant added or removed, or a deployment field changed: the set of tenant stacks must change. Never for the
     * fleet marker.
     */
    boolean isRelevant() {
        if (FLEET_MARKER_ID.equals(tenantId)) {
            return false;
        }
        return switch (type) {
            case INSERT, REMOVE -> true;
            case MODIFY -> !before.equals(after);
        };
    }

    /**
     * A silo tenant's record created: the onboard build may create its stack ahead of the pipeline. Never for a
     * modify or remove (the tenant's stack exists or goes: the pipeline's business), nor for the fleet marker.
     */
    boolean isNewSiloTenant() {
        return type == Type.INSERT && !FLEET_MARKER_ID.equals(tenantId)
                && after.map(Deployment::tier).filter(SILO_TIER::equals).isPresent();
    }
}
