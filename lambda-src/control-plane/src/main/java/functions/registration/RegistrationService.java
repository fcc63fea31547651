package functions.registration;

import functions.provisioning.AccountRegion;
import functions.provisioning.IssuedApiKey;
import functions.provisioning.Placements;
import functions.provisioning.PlatformSettings;
import functions.provisioning.SiloPlacement;
import functions.provisioning.StackLocation;
import functions.provisioning.StackMappingRepository;
import functions.provisioning.StackResources;
import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.provisioning.TenantResources;
import functions.registration.RegistrationRepository.LeaseLostException;
import functions.shared.ApiException;
import functions.shared.CallerContext;
import functions.shared.OnboardingFunnel;
import functions.shared.Telemetry;
import functions.shared.ConflictException;
import functions.shared.Validation;
import functions.tenants.ControlPlane;
import functions.tenants.Tenant;
import functions.tenants.TenantRepository;
import functions.tenants.TenantStatus;
import functions.tenants.TenantUsers;
import contract.UserRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registration saga: one request id ({@code Idempotency-Key}) creates one tenant, its admin user and its
 * provisioning, or nothing. No Lambda types: this is what the tests exercise.
 *
 * <ol>
 *   <li>Claim: the request, its tenant name and admin email in one transaction (409 for a name or email held
 *       by another request); a known request id is a replay instead.</li>
 *   <li>Placement first, so the tenant is born knowing its stack ({@code stackName}, {@code stackAccount},
 *       {@code stackRegion}): a pooled tier's stack from {@link Placements#pooled} (the tier's one environment in
 *       POOLED_TIER_STACKS, or the Settings item {@code tier#<TIER>} when it has several), a silo tenant's from
 *       the {@code siloPlacement} setting. A resumed saga keeps the stack its tenant already names.</li>
 *   <li>The registration, REGISTERING while it holds only its claims, moves to PROVISIONING in one transaction
 *       with the tenant's creation (the tenant is born PROVISIONING: it never exists without a registration
 *       that is at least PROVISIONING).</li>
 *   <li>Pooled tier, in the tier stack (its outputs give pool, app client, usage plan, key table and shard count):
 *       tenant group, API key on the stack's usage plan, the key's TenantApiKeys item (enabled), admin user
 *       (pool, group, mapping); tenant ACTIVE with pool, app client, key and shard and registration ACTIVE in one
 *       transaction. PLATINUM: the TenantStackMapping record the pipeline deploys; the registration ends
 *       PROVISIONING and the tenant waits in PROVISIONING for its stack (TenantService#activate reads the silo
 *       pool from the stack's outputs and creates the admin, key and key item there).</li>
 * </ol>
 *
 * DynamoDB round trips of a fresh registration: pooled 5 (claim, create, user mapping, key item, activate; plus
 * the tier's placement setting once per {@link PlatformSettings#TIER_TTL} when the tier has several
 * environments), PLATINUM 5 (claim, create, placement, stack mapping in one transaction with the tenant's
 * still-PROVISIONING guard, finish). The key item lives in the tier stack's TenantApiKeys table, in another account and region than the control plane's tables, so it cannot join
 * the activating transaction (a DynamoDB transaction stays in one account and region): that is the fifth pooled
 * call, where there were four before tenants had key items. Outside DynamoDB, a pooled registration reads the
 * stack's outputs once per {@link functions.provisioning.AssumedRoleStacks#OUTPUTS_TTL} and assumes its role about
 * once an hour. RegistrationCallCountTest pins the DynamoDB calls.
 *
 * A failed step runs the undo of every earlier step in reverse order, marks tenant and registration FAILED with
 * the reason and releases the claims; the same request id may then run again. A replay with another body is a
 * 409. An attempt that died (Lambda timeout) holds the request for {@link #LEASE}: until then a replay answers
 * "in progress", after it the replay resumes the saga with the same tenant id (every step is idempotent).
 */
public final class RegistrationService {

    /** The header that carries the client's request id, a UUID; 400s and 409s name it. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Must exceed the registration function's timeout, or a slow attempt could run next to its replay. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private final RegistrationRepository registrations;
    private final TenantRepository tenants;
    private final Function<TargetStack, TenantUsers> usersIn;
    private final Placements placements;
    private final TargetStacks stacks;
    private final StackMappingRepository stackMappings;
    private final Clock clock;

    RegistrationService(RegistrationRepository registrations, TenantRepository tenants,
                        Function<TargetStack, TenantUsers> usersIn, Placements placements, TargetStacks stacks,
                        StackMappingRepository stackMappings, Clock clock) {
        this.registrations = registrations;
        this.tenants = tenants;
        this.usersIn = usersIn;
        this.placements = placements;
        this.stacks = stacks;
        this.stackMappings = stackMappings;
        this.clock = clock;
    }

    /** The saga on the control plane's tables and clients. */
    public static RegistrationService create(ControlPlane plane) {
        return new RegistrationService(
                new RegistrationRepository(plane.dynamo(), plane.config().registrationsTable()),
                plane.tenants(), plane::usersIn, plane.placements(), plane.targetStacks(), plane.stackMappings(),
                plane.clock());
    }

    /** POST /tenants: the same saga, for a SystemAdmin only. */
    public RegistrationView registerAs(CallerContext caller, String idempotencyKey, RegistrationInput input) {
        caller.requireSystemAdmin("create tenants");
        return register(idempotencyKey, input);
    }

    /**
     * The saga itself, at once, for trusted callers: {@link #registerAs} (an operator vouches for the tenant). The
     * public sign-up runs it only once the admin email is proven ({@link SignUpService#verify}).
     */
    public RegistrationView register(String idempotencyKey, RegistrationInput input) {
        String requestId = Validation.uuid(IDEMPOTENCY_KEY, idempotencyKey);
        RegistrationRequest request = input.validated();
        long now = clock.millis();
        var fresh = record(requestId, request, RegistrationStatus.REGISTERING, now + LEASE.toMillis(), null, 0);
        if (registrations.start(fresh, now / 1000, iso())) {
            OnboardingFunnel.started(request.tier().name());
            return run(fresh, request, false);
        }
        RegistrationRecord existing = existing(requestId, fresh);
        return existing.pending() ? view(existing) : replay(existing, request, now);
    }

    /**
     * A new registration record; its tenant id and attempt are random (UUID.randomUUID draws from SecureRandom,
     * which the runtime reseeds after a SnapStart restore).
     */
    RegistrationRecord record(String requestId, RegistrationRequest request, RegistrationStatus status,
                              long leaseUntil, String codeHash, long expiresAt) {
        return new RegistrationRecord(requestId, request.fingerprint(), status,
                UUID.randomUUID().toString().replace("-", ""), request.tenantName(), request.nameKey(),
                request.adminEmail(), request.tier(), request.address(), request.phone(), UUID.randomUUID().toString(),
                leaseUntil, null, null, iso(), codeHash, 0, expiresAt);
    }

    /** The registration already recorded under {@code fresh}'s request id; 409 if it was made of another body. */
    RegistrationRecord existing(String requestId, RegistrationRecord fresh) {
        RegistrationRecord existing = registrations.find(requestId)
                .orElseThrow(() -> new IllegalStateException("registration " + requestId + " vanished"));
        if (!existing.fingerprint().equals(fresh.fingerprint())) {
            throw new ConflictException(IDEMPOTENCY_KEY,
                    "was already used for a different registration");
        }
        return existing;
    }

    /** A known registration past its claims: where it stands, or its saga resumed if it died or failed. */
    RegistrationView replay(RegistrationRecord existing, RegistrationRequest request, long now) {
        if (!existing.resumableAt(now)) {
            return view(existing);
        }
        RegistrationRecord next = existing.takenOverBy(UUID.randomUUID().toString(), now + LEASE.toMillis());
        if (!registrations.takeOver(existing, next, now, iso())) {
            return view(registrations.find(existing.requestId()).orElseThrow());
        }
        return run(next, request, true);
    }

    RegistrationView run(RegistrationRecord record, RegistrationRequest request, boolean resumed) {
        Compensations undo = new Compensations();
        try {
            // A fresh start has a new random tenant id, so there is nothing to read; a resumed one keeps its tenant's
            // creation time and stack.
            Optional<Tenant> previous = resumed ? tenants.find(record.tenantId()) : Optional.empty();
            Optional<StackLocation> placedBefore = previous.flatMap(Tenant::location);
            SiloPlacement silo = request.tier().pooled() ? null : placements.silo();
            StackLocation location = placedBefore.orElseGet(() -> request.tier().pooled()
                    ? placements.pooled(request.tier())
                    : StackLocation.silo(record.tenantId(), new AccountRegion(silo.account(), silo.region())));
            // The tenant is born PROVISIONING, in one transaction with the registration's move to PROVISIONING.
            undo.at("createTenant");
            if (!registrations.setStatusWith(record, RegistrationStatus.PROVISIONING,
                    tenants.saveInTransaction(tenant(record, request, previous, location)), iso())) {
                throw new IllegalStateException("tenant id " + record.tenantId() + " belongs to another registration");
            }
            RegistrationStatus done = request.tier().pooled()
                    ? provisionPooled(record, location, undo)
                    : provisionSilo(record, new SiloPlacement(location.account(), location.region(), silo.wave()), undo);
            if (done == RegistrationStatus.ACTIVE) {
                // A silo tenant completes later, when TenantService activates it on its deployed stack.
                OnboardingFunnel.completed(record.tier().name(), record.createdAt(), clock.instant());
            }
            // The saga's own writes succeeded under its lease: the answer is known without reading it back.
            return new RegistrationView(record.requestId(), record.tenantId(), record.tenantName(), record.tier(),
                    done.name());
        } catch (LeaseLostException e) {
            // Another execution owns the saga now and relies on what was done: nothing to undo here.
            return view(registrations.find(record.requestId()).orElseThrow());
        } catch (RuntimeException e) {
            fail(record, undo, e);
            throw e;
        }
    }

    private RegistrationStatus provisionPooled(RegistrationRecord record, StackLocation location,
                                               Compensations undo) {
        String tenantId = record.tenantId();
        TargetStack stack = stacks.at(location);
        StackResources tier = stack.resources();
        TenantUsers users = usersIn.apply(stack);
        // Undo first: a failure inside ensureGroup may still have created the group.
        undo.add("group", () -> users.removeGroup(tier.userPoolId(), tenantId));
        users.ensureGroup(tier.userPoolId(), tenantId);
        undo.add("apiKey", () -> stack.apiKeys().delete(tenantId));
        IssuedApiKey apiKey = stack.apiKeys().createForTenant(tenantId, tier.usagePlanId());
        undo.add("apiKeyItem", () -> stack.keyTable().delete(tenantId));
        stack.keyTable().put(tenantId, apiKey.value(), true);
        // Undo registered before the step: a resumed saga may find the user an earlier attempt created, and a later
        // failure must remove it. TenantUsers#remove deletes only a user of this tenant, never another's.
        undo.add("adminUser", () -> users.remove(tier.userPoolId(), tenantId, record.adminEmail()));
        users.create(tier.userPoolId(), tenantId, record.tier(), record.adminEmail(), UserRole.TENANT_ADMIN,
                "adminEmail", true);
        // Tenant and registration become ACTIVE together, or neither does.
        var activate = tenants.updateInTransaction(tenantId, List.of(TenantStatus.PROVISIONING), Map.of(
                "status", AttributeValue.fromS(TenantStatus.ACTIVE.name()),
                "updatedAt", AttributeValue.fromS(iso()),
                "userPoolId", AttributeValue.fromS(tier.userPoolId()),
                "appClientId", AttributeValue.fromS(tier.appClientId()),
                "apiKeyId", AttributeValue.fromS(apiKey.id()),
                "shard", AttributeValue.fromN(Integer.toString(TenantResources.shardOf(tenantId, tier.shardCount())))));
        undo.at("activate");
        if (!registrations.finishWith(record, RegistrationStatus.ACTIVE, activate, iso())) {
            throw new IllegalStateException("tenant " + tenantId + " left PROVISIONING during its registration");
        }
        return RegistrationStatus.ACTIVE;
    }

    private RegistrationStatus provisionSilo(RegistrationRecord record, SiloPlacement placement,
                                             Compensations undo) {
        undo.add("stackMapping", () -> stackMappings.remove(record.tenantId()));
        // Only while the tenant is still PROVISIONING: an operator may have offboarded it meanwhile, and the
        // record would start the pipeline and deploy a silo stack for an offboarded tenant.
        stackMappings.add(record.tenantId(), record.tenantName(), placement, iso(),
                tenants.updateInTransaction(record.tenantId(), List.of(TenantStatus.PROVISIONING),
                        Map.of("updatedAt", AttributeValue.fromS(iso()))));
        registrations.finish(record, RegistrationStatus.PROVISIONING, iso());
        return RegistrationStatus.PROVISIONING;
    }

    private void fail(RegistrationRecord record, Compensations undo, RuntimeException cause) {
        OnboardingFunnel.failed(record.tier().name(), undo.step());
        Telemetry.warn("registration_failed", "tenantId", record.tenantId(), "registrationId", record.requestId(),
                "registrationTier", record.tier().name(), "step", undo.step(),
                "exception", cause.getClass().getName(), "reason", cause.getMessage());
        List<String> undoFailures = undo.runAll();
        String reason = (cause instanceof ApiException api ? api.getMessage()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage())
                + (undoFailures.isEmpty() ? "" : "; undo failed for " + String.join("; ", undoFailures));
        // Each bookkeeping write on its own: one failing must not keep the others from running.
        attempt(cause, () -> tenants.update(record.tenantId(), List.of(TenantStatus.REGISTERING,
                TenantStatus.PROVISIONING, TenantStatus.ACTIVE), Map.of(
                "status", AttributeValue.fromS(TenantStatus.FAILED.name()),
                "failureReason", AttributeValue.fromS(reason),
                "updatedAt", AttributeValue.fromS(iso()))));
        attempt(cause, () -> registrations.releaseClaims(record));
        attempt(cause, () -> registrations.setStatus(record, RegistrationStatus.FAILED, reason, iso()));
    }

    private static void attempt(RuntimeException cause, Runnable bookkeeping) {
        try {
            bookkeeping.run();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    // A resumed saga rewrites its own tenant item: keep the first creation time.
    private Tenant tenant(RegistrationRecord record, RegistrationRequest request, Optional<Tenant> previous,
                          StackLocation location) {
        String createdAt = previous.map(Tenant::createdAt).orElse(iso());
        return new Tenant(record.tenantId(), request.tenantName(), request.adminEmail(), request.tier(),
                TenantStatus.PROVISIONING, request.address(), request.phone(), null, null, null, null,
                location.stackName(), location.account(), location.region(), record.requestId(), null, createdAt,
                iso());
    }

    RegistrationView view(RegistrationRecord record) {
        String status = record.status().name();
        if (record.status() == RegistrationStatus.PROVISIONING) {
            // A silo tenant becomes ACTIVE later, through TenantService#activate: report where it stands now.
            status = tenants.find(record.tenantId()).map(t -> t.status().name()).orElse(status);
        }
        return new RegistrationView(record.requestId(), record.tenantId(), record.tenantName(), record.tier(),
                status);
    }

    String iso() {
        return Instant.now(clock).toString();
    }
}
