package functions.tenants;

import functions.provisioning.AccountRegion;
import functions.provisioning.IssuedApiKey;
import functions.provisioning.PooledTierStacks;
import functions.provisioning.StackLocation;
import functions.provisioning.StackResources;
import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.provisioning.TenantResources;
import contract.Tier;
import functions.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The canary probe tenant of a pooled tier ({@code canary-probe-<tier>}): the tenant in whose name the fleet's canary
 * validation sends synthetic requests through the tier's API, as a silo canary's validation does as its own tenant
 * (scripts/validate-canary.sh). It is made by the pipeline's ActivateCanaries step through the internal activate
 * route: an ACTIVE TenantDetails record in the tier's first environment (the one in the fleet's Canary wave), its
 * API key on the tier's usage plan and its key item, and no user (the validation makes its probe user in the tier's
 * pool through the stack's CanaryProbe role). It has no registration and holds no customer's data; the prefix is
 * reserved (the catalog refuses it for silo tenants, and registrations draw 32-hex ids).
 */
public final class ProbeTenants {

    public static final String PREFIX = "canary-probe-";

    private final TenantRepository tenants;
    private final PooledTierStacks pooledTiers;
    private final TargetStacks stacks;
    private final Clock clock;

    public ProbeTenants(TenantRepository tenants, PooledTierStacks pooledTiers, TargetStacks stacks, Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.pooledTiers = Objects.requireNonNull(pooledTiers, "pooledTiers");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The probe tenant id of a pooled tier. */
    public static String idOf(Tier tier) {
        if (!tier.pooled()) {
            throw new IllegalArgumentException("only pooled tiers have a probe tenant, not " + tier);
        }
        return PREFIX + tier.name().toLowerCase(Locale.ROOT);
    }

    /** The pooled tier whose probe tenant {@code tenantId} is; empty for any other id. */
    public static Optional<Tier> tierOf(String tenantId) {
        if (tenantId == null || !tenantId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        for (Tier tier : Tier.values()) {
            if (tier.pooled() && idOf(tier).equals(tenantId)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }

    /**
     * The tier's probe tenant, made ACTIVE in the tier's first environment with its API key and key item; idempotent
     * (a repeat finds and reuses the key). A tier the fleet has no stack for is a 404.
     */
    public Tenant ensure(Tier tier) {
        String tenantId = idOf(tier);
        List<AccountRegion> envs = pooledTiers.environments(tier);
        if (envs.isEmpty()) {
            throw NotFoundException.item("pooled tier", tier.name());
        }
        StackLocation location = StackLocation.pooled(tier, envs.get(0));
        TargetStack stack = stacks.at(location);
        StackResources resources = stack.resources();
        IssuedApiKey key = stack.apiKeys().createForTenant(tenantId, resources.usagePlanId());
        stack.keyTable().put(tenantId, key.value(), true);
        String now = Instant.now(clock).toString();
        String created = tenants.find(tenantId).map(Tenant::createdAt).orElse(now);
        // The probe user's sign-in name, as constructs.CanaryProbe.userName gives it to the validation (a reserved
        // .invalid domain: no mail goes there).
        String email = "canary-probe@" + tenantId + ".invalid";
        Tenant probe = new Tenant(tenantId, "Canary probe of tier " + tier.name(), email, tier, TenantStatus.ACTIVE,
                null, null, resources.userPoolId(), resources.appClientId(), key.id(),
                TenantResources.shardOf(tenantId, resources.shardCount()), location.stackName(),
                location.env().account(), location.env().region(), null, null, created, now);
        tenants.putProbe(probe);
        return probe;
    }
}
