package functions.tenants;

import functions.provisioning.ApiKeys;
import functions.provisioning.StackMappingRepository;
import functions.shared.CallerContext;
import functions.shared.ConflictException;
import functions.shared.NotFoundException;
import functions.shared.PageToken;
import functions.shared.TenantId;
import functions.shared.Validation;
import functions.shared.ValidationException;
import functions.users.UserRole;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tenant management for the admin API. No Lambda types: this is what the tests exercise. Every method checks
 * the id (400), then the caller's role and tenant (403), then existence (404), then the status (409), so a
 * TenantAdmin learns nothing about other tenants. Lifecycle changes write the new status first and then act
 * on users, key and stack, each step idempotent: repeating the call after a partial failure finishes it.
 */
public final class TenantService {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    // Cognito user pool ids: <region>_<id>.
    private static final Pattern USER_POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");

    private final TenantRepository tenants;
    private final TenantUsers users;
    private final ApiKeys apiKeys;
    private final StackMappingRepository stacks;
    private final Clock clock;

    public TenantService(TenantRepository tenants, TenantUsers users, ApiKeys apiKeys,
                         StackMappingRepository stacks, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.apiKeys = apiKeys;
        this.stacks = stacks;
        this.clock = clock;
    }

    /** The path's tenant id, or a 400 naming {@code tenantId}. */
    public static TenantId tenantId(String raw) {
        if (raw == null) {
            throw new ValidationException("tenantId", "is required");
        }
        if (!TenantId.isValid(raw)) {
            throw new ValidationException("tenantId", "must match [a-z0-9][a-z0-9-]{2,31} or be a lowercase UUID");
        }
        return new TenantId(raw);
    }

    public Tenant get(CallerContext caller, String rawTenantId) {
        TenantId id = tenantId(rawTenantId);
        caller.requireRead(id);
        return existing(id);
    }

    public Page<Tenant> list(CallerContext caller, String limit, String nextToken) {
        caller.requireFleetRead();
        int pageSize = PageToken.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        var startKey = PageToken.decode(nextToken, TenantRepository.pageKeyNames());
        return tenants.list(pageSize, startKey);
    }

    public Tenant update(CallerContext caller, String rawTenantId, TenantUpdate input) {
        TenantId id = tenantId(rawTenantId);
        caller.requireManage(id);
        TenantUpdate update = input.validated();
        Map<String, AttributeValue> changes = new HashMap<>();
        changes.put("address", update.address() == null ? null : AttributeValue.fromS(update.address()));
        changes.put("phone", update.phone() == null ? null : AttributeValue.fromS(update.phone()));
        changes.put("updatedAt", AttributeValue.fromS(now()));
        var live = List.of(TenantStatus.PROVISIONING, TenantStatus.ACTIVE, TenantStatus.INACTIVE);
        return tenants.update(id.value(), live, changes).orElseThrow(() -> notIn(existing(id), "updated"));
    }

    /** INACTIVE → ACTIVE (users and key enabled again); PROVISIONING silo → ACTIVE (its admin created). */
    public Tenant activate(CallerContext caller, String rawTenantId, ActivationInput input) {
        TenantId id = tenantId(rawTenantId);
        caller.requireSystemAdmin("activate tenants");
        Tenant tenant = existing(id);
        Optional<String> poolId = Optional.ofNullable(input).map(ActivationInput::userPoolId);
        if (tenant.status() == TenantStatus.PROVISIONING && !tenant.tier().pooled()) {
            return activateSilo(tenant, Validation.matching("userPoolId", poolId.orElse(null), USER_POOL_ID,
                    "<region>_<id>, the pool of the deployed silo stack"));
        }
        if (poolId.isPresent()) {
            throw new ValidationException("userPoolId", "only applies to a PROVISIONING silo tenant");
        }
        if (tenant.status() != TenantStatus.INACTIVE && tenant.status() != TenantStatus.ACTIVE) {
            throw notIn(tenant, "activated");
        }
        // Enable first: a failure leaves the tenant INACTIVE and a repeated call enables the rest.
        users.setAllEnabled(tenant.tenantId(), true);
        if (tenant.tier().pooled()) {
            apiKeys.setEnabled(tenant.tenantId(), true);
        }
        try {
            return transition(tenant, List.of(TenantStatus.INACTIVE, TenantStatus.ACTIVE), TenantStatus.ACTIVE);
        } catch (ConflictException e) {
            // Deactivated or offboarded between our read and write: take back the access we just gave.
            disableAccess(tenant);
            throw e;
        }
    }

    /** ACTIVE → INACTIVE: every user of the tenant and its API key disabled. */
    public Tenant deactivate(CallerContext caller, String rawTenantId) {
        TenantId id = tenantId(rawTenantId);
        caller.requireSystemAdmin("deactivate tenants");
        Tenant tenant = existing(id);
        if (tenant.status() != TenantStatus.ACTIVE && tenant.status() != TenantStatus.INACTIVE) {
            throw notIn(tenant, "deactivated");
        }
        // Status first: a concurrent activate then fails its transition and disables access again. (Issued ID
        // tokens stay valid until they expire; the authorizer does not read tenant status.)
        Tenant inactive = transition(tenant, List.of(TenantStatus.ACTIVE, TenantStatus.INACTIVE),
                TenantStatus.INACTIVE);
        disableAccess(inactive);
        return inactive;
    }

    /** Any settled status → OFFBOARDED: silo stack removed from the catalog, access disabled, data kept. */
    public Tenant offboard(CallerContext caller, String rawTenantId) {
        TenantId id = tenantId(rawTenantId);
        caller.requireSystemAdmin("offboard tenants");
        Tenant tenant = existing(id);
        if (tenant.status() == TenantStatus.REGISTERING) {
            throw notIn(tenant, "offboarded while its registration runs");
        }
        Tenant offboarded = transition(tenant, List.of(TenantStatus.PROVISIONING, TenantStatus.ACTIVE,
                TenantStatus.INACTIVE, TenantStatus.FAILED, TenantStatus.OFFBOARDED), TenantStatus.OFFBOARDED);
        if (!tenant.tier().pooled()) {
            // The stream's REMOVE record starts the fleet pipeline, which drops the tenant's stage.
            stacks.remove(tenant.tenantId());
        }
        disableAccess(offboarded);
        return offboarded;
    }

    private Tenant activateSilo(Tenant tenant, String userPoolId) {
        users.ensureGroup(userPoolId, tenant.tenantId());
        users.create(userPoolId, tenant.tenantId(), tenant.tier(), tenant.adminEmail(), UserRole.TENANT_ADMIN,
                "adminEmail", true);
        return tenants.update(tenant.tenantId(), List.of(TenantStatus.PROVISIONING), Map.of(
                        "status", AttributeValue.fromS(TenantStatus.ACTIVE.name()),
                        "userPoolId", AttributeValue.fromS(userPoolId),
                        "updatedAt", AttributeValue.fromS(now())))
                .orElseThrow(() -> notIn(existing(new TenantId(tenant.tenantId())), "activated"));
    }

    private void disableAccess(Tenant tenant) {
        users.setAllEnabled(tenant.tenantId(), false);
        if (tenant.tier().pooled()) {
            apiKeys.setEnabled(tenant.tenantId(), false);
        }
    }

    private Tenant transition(Tenant tenant, List<TenantStatus> from, TenantStatus to) {
        return tenants.update(tenant.tenantId(), from, Map.of(
                        "status", AttributeValue.fromS(to.name()),
                        "updatedAt", AttributeValue.fromS(now())))
                // Changed between our read and write: report the status it has now.
                .orElseThrow(() -> notIn(existing(new TenantId(tenant.tenantId())), "moved to " + to));
    }

    private Tenant existing(TenantId id) {
        return tenants.find(id.value()).orElseThrow(() -> NotFoundException.item("tenant", id.value()));
    }

    private static ConflictException notIn(Tenant tenant, String action) {
        return new ConflictException("status", "tenant " + tenant.tenantId() + " is " + tenant.status()
                + " and cannot be " + action);
    }

    private String now() {
        return Instant.now(clock).toString();
    }
}
