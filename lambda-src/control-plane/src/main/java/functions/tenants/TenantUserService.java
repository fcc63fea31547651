package functions.tenants;

import functions.provisioning.TargetStack;
import functions.provisioning.TargetStacks;
import functions.shared.CallerContext;
import functions.shared.ConflictException;
import functions.shared.NotFoundException;
import functions.shared.PageToken;
import functions.shared.TenantId;
import functions.shared.Validation;
import functions.shared.ValidationException;
import functions.users.DirectoryUser;
import functions.users.UserDirectory;
import functions.users.UserNotFoundException;
import contract.UserRole;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * User management of one tenant at a time. A user belongs to the tenant only if the tenant's TenantUserMapping
 * has it, and the directory user must carry the same tenant id: a user name of another tenant is a 404, never
 * a read or a change. Checks run id (400), role and tenant (403), existence (404), like {@link TenantService}.
 * The directory is the one of the tenant's stack, as its TenantDetails record names it.
 *
 * <p>The path's {@code userName} is the user's email (any case) or the username the directory gave the user (in
 * TenantUserPool's email sign-in pools Cognito's username is the user's sub, as in {@link TenantUserView#userName}).
 * Either way the user is found through its mapping, keyed by the lowercased email.
 */
public final class TenantUserService {

    static final int DEFAULT_PAGE = 20;
    // UserDirectory pages are at most 60; the same bound keeps one page at most 60 directory reads.
    static final int MAX_PAGE = 60;
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");

    private final TenantRepository tenants;
    private final UserMappingRepository mappings;
    private final Function<TargetStack, TenantUsers> usersIn;
    private final TargetStacks stacks;

    public TenantUserService(TenantRepository tenants, UserMappingRepository mappings,
                             Function<TargetStack, TenantUsers> usersIn, TargetStacks stacks) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.mappings = Objects.requireNonNull(mappings, "mappings");
        this.usersIn = Objects.requireNonNull(usersIn, "usersIn");
        this.stacks = Objects.requireNonNull(stacks, "stacks");
    }

    public TenantUserView create(CallerContext caller, String rawTenantId, UserInput input) {
        TenantId id = TenantService.tenantId(rawTenantId);
        caller.requireManage(id);
        String email = Validation.email("email", input.email());
        UserRole role = UserInput.tenantRole(input.role());
        Tenant tenant = activeTenant(id);
        return TenantUserView.of(usersIn.apply(stackOf(tenant)).create(tenant.userPoolId(), tenant.tenantId(),
                tenant.tier(), email, role, "email", false));
    }

    public Page<TenantUserView> list(CallerContext caller, String rawTenantId, String limit, String nextToken) {
        TenantId id = TenantService.tenantId(rawTenantId);
        caller.requireRead(id);
        int pageSize = PageToken.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        var startKey = PageToken.decode(nextToken, UserMappingRepository.pageKeyNames());
        if (startKey != null && !startKey.get(UserMappingRepository.KEY).s().equals(id.value())) {
            throw new ValidationException(PageToken.FIELD, "is not a valid page token");
        }
        Tenant tenant = existingTenant(id);
        Page<UserMapping> page = mappings.page(id.value(), pageSize, startKey);
        if (page.items().isEmpty()) {
            return new Page<>(List.of(), page.nextToken());
        }
        UserDirectory directory = directoryOf(tenant);
        return new Page<>(page.items().stream()
                .map(m -> directory.findUser(m.userPoolId(), m.userName())
                        .filter(u -> id.value().equals(u.tenantId()))
                        .map(TenantUserView::of)
                        .orElseGet(() -> TenantUserView.missing(m)))
                .toList(), page.nextToken());
    }

    public TenantUserView get(CallerContext caller, String rawTenantId, String rawUserName) {
        TenantId id = TenantService.tenantId(rawTenantId);
        caller.requireRead(id);
        String userName = userName(rawUserName);
        Tenant tenant = existingTenant(id);
        return TenantUserView.of(resolve(directoryOf(tenant), tenant, userName).user());
    }

    public TenantUserView update(CallerContext caller, String rawTenantId, String rawUserName, UserUpdate input) {
        TenantId id = TenantService.tenantId(rawTenantId);
        caller.requireManage(id);
        String userName = userName(rawUserName);
        UserRole role = UserInput.tenantRole(input.role());
        Tenant tenant = existingTenant(id);
        UserDirectory directory = directoryOf(tenant);
        TenantUser user = resolve(directory, tenant, userName);
        try {
            directory.updateRole(user.mapping().userPoolId(), user.user().username(), role);
        } catch (UserNotFoundException e) {
            throw NotFoundException.item("user", userName);
        }
        mappings.updateRole(id.value(), user.mapping().userName(), role);
        return TenantUserView.of(directoryUser(directory, user.mapping()));
    }

    /**
     * Disables the user in its own right: its switch on the mapping first (so a tenant activation running now, or
     * later, leaves it disabled), then its refresh tokens revoked, then the directory user (AdminDisableUser revokes
     * its access tokens only; https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html).
     */
    public TenantUserView disable(CallerContext caller, String rawTenantId, String rawUserName) {
        Switch target = switched(caller, rawTenantId, rawUserName, true);
        TenantUser user = target.user();
        try {
            // Signed out before disabled (see TenantAccessWorker#disable).
            target.directory().signOut(user.mapping().userPoolId(), user.user().username());
            target.directory().disableUser(user.mapping().userPoolId(), user.user().username());
        } catch (UserNotFoundException e) {
            throw NotFoundException.item("user", target.userName());
        }
        return TenantUserView.of(directoryUser(target.directory(), user.mapping()));
    }

    /**
     * Enables the user in its own right: its switch cleared, and the directory user enabled if the tenant is ACTIVE
     * (an INACTIVE tenant's users stay disabled until its activation, which now includes this one). If the tenant
     * was deactivated while this ran, the user is disabled again, so it never outlives the tenant's deactivation.
     */
    public TenantUserView enable(CallerContext caller, String rawTenantId, String rawUserName) {
        Switch target = switched(caller, rawTenantId, rawUserName, false);
        TenantUser user = target.user();
        if (target.tenant().status() == TenantStatus.ACTIVE) {
            String pool = user.mapping().userPoolId();
            try {
                target.directory().enableUser(pool, user.user().username());
                if (existingTenant(new TenantId(target.tenant().tenantId())).status() != TenantStatus.ACTIVE) {
                    target.directory().disableUser(pool, user.user().username());
                }
            } catch (UserNotFoundException e) {
                throw NotFoundException.item("user", target.userName());
            }
        }
        return TenantUserView.of(directoryUser(target.directory(), user.mapping()));
    }

    /** The user a disable or enable names, with its own switch already set to {@code disabled}. */
    private record Switch(Tenant tenant, UserDirectory directory, TenantUser user, String userName) {
    }

    // The checks both switches make (id, role, user name, tenant, user), then the user's own switch on its mapping.
    private Switch switched(CallerContext caller, String rawTenantId, String rawUserName, boolean disabled) {
        TenantId id = TenantService.tenantId(rawTenantId);
        caller.requireManage(id);
        String userName = userName(rawUserName);
        Tenant tenant = existingTenant(id);
        UserDirectory directory = directoryOf(tenant);
        TenantUser user = resolve(directory, tenant, userName);
        mappings.setUserDisabled(id.value(), user.mapping().userName(), disabled);
        return new Switch(tenant, directory, user, userName);
    }

    /** A user of this tenant: its mapping and its directory user, which carries the tenant's id. */
    private record TenantUser(UserMapping mapping, DirectoryUser user) {
    }

    // An email (lowercased) or a directory username: Cognito's allow letters, marks, symbols, digits and punctuation.
    private static String userName(String raw) {
        if (raw != null && raw.contains("@")) {
            return Validation.email("userName", raw);
        }
        return Validation.matching("userName", raw, USERNAME,
                "an email address or a directory username (no blanks, at most 128 characters)");
    }

    /**
     * The user {@code userName} names, or a 404: an email is the mapping's key; a username is looked up in the
     * tenant's pool first, and its email is then the key. Either way the directory user must carry this tenant's id.
     */
    private TenantUser resolve(UserDirectory directory, Tenant tenant, String userName) {
        TenantId id = new TenantId(tenant.tenantId());
        String key = userName;
        if (!userName.contains("@")) {
            key = Optional.ofNullable(tenant.userPoolId())
                    .flatMap(pool -> directory.findUser(pool, userName))
                    .filter(u -> id.value().equals(u.tenantId()) && u.email() != null)
                    .map(u -> UserMapping.userNameOf(u.email()))
                    .orElseThrow(() -> NotFoundException.item("user", userName));
        }
        UserMapping mapping = mapping(id, key);
        return new TenantUser(mapping, directoryUser(directory, mapping));
    }

    private Tenant existingTenant(TenantId id) {
        return tenants.find(id.value()).orElseThrow(() -> NotFoundException.item("tenant", id.value()));
    }

    private Tenant activeTenant(TenantId id) {
        Tenant tenant = existingTenant(id);
        if (tenant.status() != TenantStatus.ACTIVE || tenant.userPoolId() == null) {
            throw new ConflictException("status", "tenant " + id + " is " + tenant.status()
                    + "; users can only be added to an ACTIVE tenant");
        }
        return tenant;
    }

    private UserMapping mapping(TenantId id, String userName) {
        return mappings.find(id.value(), userName).orElseThrow(() -> NotFoundException.item("user", userName));
    }

    private TargetStack stackOf(Tenant tenant) {
        return stacks.at(tenant.location().orElseThrow(() -> new IllegalStateException("tenant "
                + tenant.tenantId() + " has users but its record names no stack")));
    }

    private UserDirectory directoryOf(Tenant tenant) {
        return stackOf(tenant).directory();
    }

    private static DirectoryUser directoryUser(UserDirectory directory, UserMapping mapping) {
        return directory.findUser(mapping.userPoolId(), mapping.userName())
                .filter(u -> mapping.tenantId().equals(u.tenantId()))
                .orElseThrow(() -> NotFoundException.item("user", mapping.userName()));
    }
}
