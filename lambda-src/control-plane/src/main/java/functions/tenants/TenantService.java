package functions.tenants;

import functions.provisioning.IssuedApiKey;
import functions.provisioning.StackLocation;
import functions.provisioning.StackMappingRepository;
import functions.provisioning.StackNotDeployedException;
import functions.provisioning.StackResources;
import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.shared.CallerContext;
import functions.shared.ConflictException;
import functions.shared.NotFoundException;
import functions.shared.OnboardingFunnel;
import functions.shared.PageToken;
import functions.shared.TenantId;
import functions.shared.ValidationException;
import contract.UserRole;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tenant management for the admin API. No Lambda types: this is what the tests exercise. Every method checks
 * the id (400), then the caller's role and tenant (403), then existence (404), then the status (409), so a
 * TenantAdmin learns nothing about other tenants. Lifecycle changes write the new status first and then act
 * on key and stack, each step idempotent: repeating the call after a partial failure finishes it. A
 * tenant's users, API key and TenantApiKeys item live in its stack (pooled tier or silo), reached from the stack
 * its record names, never from the control plane's own region.
 *
 * <p>Deactivation, activation and offboarding change the status, the API key and the key item (one call each)
 * within the API call, and leave the users (up to tens of thousands, at Cognito's request rate) to an access job:
 * the status write also starts a new {@link AccessJob} on the tenant's record, whose first page goes to the
 * {@link AccessQueue} and whose progress GET /tenants/{tenantId} shows. A later call's job replaces an earlier one.
 */
public final class TenantService {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final TenantRepository tenants;
    private final StackMappingRepository stackMappings;
    private final TargetStacks stacks;
    private final Function<TargetStack, TenantUsers> usersIn;
    private final AccessQueue accessQueue;
    private final Clock clock;

    public TenantService(TenantRepository tenants, StackMappingRepository stackMappings, TargetStacks stacks,
                         Function<TargetStack, TenantUsers> usersIn, AccessQueue accessQueue, Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.stackMappings = Objects.requireNonNull(stackMappings, "stackMappings");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        this.usersIn = Objects.requireNonNull(usersIn, "usersIn");
        this.accessQueue = Objects.requireNonNull(accessQueue, "accessQueue");
        this.clock = Objects.requireNonNull(clock, "clock");
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

    /**
     * INACTIVE or ACTIVE → ACTIVE (key and key item enabled again, and a job enabling every user not disabled in its
     * own right); PROVISIONING silo → ACTIVE (its pool read from the deployed silo stack's outputs, its group, admin
     * user, API key and key item created there).
     */
    public Tenant activate(CallerContext caller, String rawTenantId) {
        TenantId id = tenantId(rawTenantId);
        caller.requireSystemAdmin("activate tenants");
        Tenant tenant = existing(id);
        if (tenant.status() == TenantStatus.PROVISIONING && !tenant.tier().pooled()) {
            return activateSilo(tenant, TenantService::notYet);
        }
        if (tenant.status() != TenantStatus.INACTIVE && tenant.status() != TenantStatus.ACTIVE) {
            throw notIn(tenant, "activated");
        }
        // Key first: a failure leaves the tenant INACTIVE and a repeated call enables the rest.
        TargetStack stack = stackOf(tenant);
        setKeyAccess(stack, tenant, true);
        try {
            return startAccessJob(tenant, List.of(TenantStatus.INACTIVE, TenantStatus.ACTIVE), TenantStatus.ACTIVE,
                    AccessJob.Target.ENABLED);
        } catch (ConflictException e) {
            // Deactivated or offboarded between our read and write: take back the access we just gave (the users
            // were not touched: their job never started).
            setKeyAccess(stack, tenant, false);
            throw e;
        }
    }

    /**
     * The fleet's automation saying "this tenant's silo stack is deployed" (POST
     * /internal/tenants/{tenantId}/activate, IAM-signed): a PROVISIONING silo tenant is activated as by
     * {@link #activate}; a tenant already past activation (ACTIVE, or INACTIVE by an operator's choice) is returned
     * unchanged, so the pipeline may say it after every deployment. Anything else is a 409.
     *
     * <p>An ACTIVE tenant whose TenantStackMapping record now names another stack than its TenantDetails record (it
     * was moved to another account or region; the pipeline deployed the new stack and its Offboard step, which runs
     * first, deleted the old one) is provisioned again in the new stack, exactly as a first activation: group,
     * admin user, API key and key item there, and TenantDetails pointing at it. What lived only in the old stack
     * (its other users, the old API key) is not carried over.
     */
    public Tenant activateFromPipeline(String rawTenantId) {
        Tenant tenant = existing(tenantId(rawTenantId));
        if (tenant.tier().pooled()) {
            throw new ConflictException("tier", "tenant " + tenant.tenantId() + " is pooled (" + tenant.tier()
                    + ") and has no silo stack to activate");
        }
        return switch (tenant.status()) {
            case ACTIVE -> movedToAnotherStack(tenant)
                    ? activateSilo(tenant, faultAfterDeployment(tenant), TenantStatus.ACTIVE) : tenant;
            case INACTIVE -> tenant;
            case PROVISIONING -> activateSilo(tenant, faultAfterDeployment(tenant));
            default -> throw notIn(tenant, "activated");
        };
    }

    // The catalog (what the pipeline deploys) against the tenant's record (where it was provisioned).
    private boolean movedToAnotherStack(Tenant tenant) {
        return stackMappings.location(tenant.tenantId()).map(planned -> !tenant.location().equals(Optional.of(planned)))
                .orElse(false);
    }

    /** ACTIVE → INACTIVE: its API key and key item disabled, and a job disabling every user of the tenant. */
    public Tenant deactivate(CallerContext caller, String rawTenantId) {
        TenantId id = tenantId(rawTenantId);
        caller.requireSystemAdmin("deactivate tenants");
        Tenant tenant = existing(id);
        if (tenant.status() != TenantStatus.ACTIVE && tenant.status() != TenantStatus.INACTIVE) {
            throw notIn(tenant, "deactivated");
        }
        // Status first: a concurrent activate then fails its transition and disables access again. Tokens already
        // issued stop working as the authorizers see it: the admin API's reads the status (TenantDetails), the tenant
        // API's the key item's enabled flag, each within API Gateway's 5-minute cache plus a 30 s lookup cache.
        TargetStack stack = stackOf(tenant);
        Tenant inactive = startAccessJob(tenant, List.of(TenantStatus.ACTIVE, TenantStatus.INACTIVE),
                TenantStatus.INACTIVE, AccessJob.Target.DISABLED);
        setKeyAccess(stack, inactive, false);
        return inactive;
    }

    /**
     * Any settled status → OFFBOARDED: silo stack removed from the catalog, API key disabled, the TenantApiKeys
     * item deleted, a job disabling its users (when it was given any), data kept. Freeing the tenant's name for new registrations is
     * {@link TenantAdminHandler}'s step after this one (this class does not know the registration package); an
     * OFFBOARDED tenant may be offboarded again, so a retry finishes whatever failed after the status moved.
     */
    public Tenant offboard(CallerContext caller, String rawTenantId) {
        TenantId id = tenantId(rawTenantId);
        caller.requireSystemAdmin("offboard tenants");
        Tenant tenant = existing(id);
        if (tenant.status() == TenantStatus.REGISTERING) {
            throw notIn(tenant, "offboarded while its registration runs");
        }
        var from = List.of(TenantStatus.PROVISIONING, TenantStatus.ACTIVE, TenantStatus.INACTIVE,
                TenantStatus.FAILED, TenantStatus.OFFBOARDED);
        Optional<TargetStack> provisioned = provisionedStack(tenant)
                .filter(stack -> tenant.tier().pooled() || deployed(stack));
        Tenant offboarded = provisioned.isPresent()
                ? startAccessJob(tenant, from, TenantStatus.OFFBOARDED, AccessJob.Target.DISABLED)
                : transition(tenant, from, TenantStatus.OFFBOARDED);
        if (!tenant.tier().pooled()) {
            // The stream's REMOVE record starts the fleet pipeline, which drops the tenant's stage.
            stackMappings.remove(tenant.tenantId());
        }
        provisioned.ifPresent(stack -> {
            setKeyAccess(stack, offboarded, false);
            stack.keyTable().delete(tenant.tenantId());
        });
        return offboarded;
    }

    /** What an operator's activation answers when the silo stack is not there (yet): a 409 to retry later. */
    private static RuntimeException notYet(String problem) {
        return new ConflictException("stack", problem);
    }

    // The pipeline calls only after deploying the stack: a stack it cannot find or assume (a trust mistake, a
    // failed stack, a missing catalog record) is a fault to fix, not a state to wait out, so it must fail the
    // pipeline's step (500) instead of answering the 409 an operator's early activation gets.
    private static Function<String, RuntimeException> faultAfterDeployment(Tenant tenant) {
        return problem -> new IllegalStateException("pipeline activation of tenant " + tenant.tenantId()
                + " after its stack was deployed: stack: " + problem);
    }

    private Tenant activateSilo(Tenant tenant, Function<String, RuntimeException> stackMissing) {
        return activateSilo(tenant, stackMissing, TenantStatus.PROVISIONING);
    }

    /**
     * @param stackMissing what to throw when the silo stack or its catalog record is not there
     * @param from         the status the tenant must still have when its record is written (PROVISIONING for a
     *                     first activation, ACTIVE for a tenant provisioned again in the stack it moved to)
     */
    private Tenant activateSilo(Tenant tenant, Function<String, RuntimeException> stackMissing, TenantStatus from) {
        String tenantId = tenant.tenantId();
        StackLocation location = stackMappings.location(tenantId).orElseThrow(() -> stackMissing.apply(
                "tenant " + tenantId + " has no TenantStackMapping record, so no silo stack is coming"));
        TargetStack stack = stacks.at(location);
        StackResources resources;
        try {
            resources = stack.resources();
        } catch (StackNotDeployedException e) {
            throw stackMissing.apply("the silo stack of tenant " + tenantId + " (" + location
                    + ") is not deployed yet; activate the tenant once the pipeline has deployed it");
        }
        TenantUsers users = usersIn.apply(stack);
        users.ensureGroup(resources.userPoolId(), tenantId);
        users.create(resources.userPoolId(), tenantId, tenant.tier(), tenant.adminEmail(), UserRole.TENANT_ADMIN,
                "adminEmail", true);
        IssuedApiKey key = stack.apiKeys().createForTenant(tenantId, resources.usagePlanId());
        stack.keyTable().put(tenantId, key.value(), true);
        Map<String, AttributeValue> changes = new HashMap<>(TenantRepository.locationAttributes(location));
        changes.put("status", AttributeValue.fromS(TenantStatus.ACTIVE.name()));
        changes.put("userPoolId", AttributeValue.fromS(resources.userPoolId()));
        changes.put("appClientId", AttributeValue.fromS(resources.appClientId()));
        changes.put("apiKeyId", AttributeValue.fromS(key.id()));
        changes.put("updatedAt", AttributeValue.fromS(now()));
        Optional<Tenant> active = tenants.update(tenantId, List.of(from), changes);
        if (active.isPresent()) {
            if (from == TenantStatus.PROVISIONING) {
                // The silo tenant's onboarding ends here: its registration's saga handed it to the pipeline.
                OnboardingFunnel.siloActive(tenant.tier().name(), tenant.createdAt(), clock.instant());
                OnboardingFunnel.completed(tenant.tier().name(), tenant.createdAt(), clock.instant());
            }
            return active.get();
        }
        Tenant current = existing(new TenantId(tenantId));
        if (current.status() == TenantStatus.ACTIVE && current.location().equals(Optional.of(location))) {
            // A concurrent activation (operator and pipeline) finished first: the same outcome.
            return current;
        }
        // Offboarded (or otherwise moved on) while we worked: take back the access we just gave. The admin user is
        // disabled here, as the offboarding's job may have run before its mapping existed.
        users.disable(resources.userPoolId(), tenantId, tenant.adminEmail());
        setKeyAccess(stack, current, false);
        throw notIn(current, "activated");
    }

    /** The tenant's stack from its record; a tenant past provisioning without one is a data fault. */
    private TargetStack stackOf(Tenant tenant) {
        return stacks.at(tenant.location().orElseThrow(() -> new IllegalStateException("tenant "
                + tenant.tenantId() + " is " + tenant.status() + " but its record names no stack")));
    }

    /**
     * The stack holding what the tenant was given, if anything: a pooled tier's stack always exists; a silo stack
     * only matters once the tenant was activated there (before that it may not even be deployed).
     */
    private Optional<TargetStack> provisionedStack(Tenant tenant) {
        return tenant.location().filter(l -> tenant.tier().pooled() || tenant.userPoolId() != null)
                .map(stacks::at);
    }

    // A repeated offboarding may find the silo stack deleted by the pipeline already: its users, key and key item
    // went with it, and so did the role we would reach them through.
    private static boolean deployed(TargetStack stack) {
        try {
            stack.resources();
            return true;
        } catch (StackNotDeployedException gone) {
            return false;
        }
    }

    private static void setKeyAccess(TargetStack stack, Tenant tenant, boolean enabled) {
        stack.apiKeys().setEnabled(tenant.tenantId(), enabled);
        stack.keyTable().setEnabled(tenant.tenantId(), enabled);
    }

    /**
     * Moves the tenant to {@code to} and gives it a new access job in the same conditional write, then enqueues the
     * job's first page. If enqueuing fails the call fails (500) with the job recorded but idle; repeating the call
     * starts a new job, which replaces it.
     */
    private Tenant startAccessJob(Tenant tenant, List<TenantStatus> from, TenantStatus to, AccessJob.Target target) {
        String jobId = UUID.randomUUID().toString();
        Map<String, AttributeValue> changes = new HashMap<>(AccessJob.start(jobId, target, now()));
        changes.put("status", AttributeValue.fromS(to.name()));
        changes.put("updatedAt", AttributeValue.fromS(now()));
        Tenant changed = tenants.update(tenant.tenantId(), from, changes)
                .orElseThrow(() -> notIn(existing(new TenantId(tenant.tenantId())), "moved to " + to));
        accessQueue.send(AccessPage.first(tenant.tenantId(), jobId, target));
        return changed;
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
