package functions.operators;

import functions.shared.CallerContext;
import functions.shared.ConflictException;
import functions.shared.ForbiddenException;
import functions.shared.NotFoundException;
import functions.shared.PageToken;
import functions.shared.UnauthorizedException;
import functions.shared.Validation;
import functions.shared.ValidationException;
import functions.tenants.Page;
import functions.users.CognitoUserDirectory;
import functions.users.DirectoryUser;
import functions.users.InvalidPageTokenException;
import functions.users.Operators;
import functions.users.UserAlreadyExistsException;
import functions.users.UserDirectory;
import functions.users.UserNotFoundException;
import contract.UserRole;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operators (SystemAdmin, CustomerSupport) of the operations user pool: list, create, read, disable, enable.
 * SystemAdmin may do everything, CustomerSupport may read, tenant roles nothing (403). An operator is a pool
 * user with an operator role and no tenant; any other user name is a 404. Checks run role (403), input (400),
 * existence (404), state (409), like the tenant services.
 *
 * <p>Each operator is also a member of the group {@code operators-<role>} (for the Cognito console and the
 * {@code cognito:groups} claim); what the API and the authorizer read is {@code custom:userRole}.
 *
 * <p>The first SystemAdmin cannot come from this API (only a SystemAdmin may call it): the catalog's
 * {@code operators} are created by the baseline's first-operators custom resource
 * ({@code functions.bootstrap.OperatorsSeedHandler}), through the same {@link Operators#create}.
 */
public final class OperatorService {

    static final int DEFAULT_PAGE = 20;
    // Cognito's ListUsers maximum.
    static final int MAX_PAGE = 60;
    static final String GROUP_PREFIX = Operators.GROUP_PREFIX;
    // Cognito's own rule for a pagination token is "no blanks"; the length bound keeps garbage off the wire.
    private static final Pattern PAGE_TOKEN = Pattern.compile("\\S{1,4096}");
    // In a pool that signs in by email the username is the user's sub.
    private static final Pattern SUB = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final UserDirectory directory;
    private final String userPoolId;

    public OperatorService(UserDirectory directory, String operationsUserPoolId) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.userPoolId = Objects.requireNonNull(operationsUserPoolId, "operationsUserPoolId");
    }

    /** Used by the Lambda entry point: the configuration from the environment, Cognito in the function's region. */
    public static OperatorService fromEnvironment(Map<String, String> env) {
        OperatorConfig config = OperatorConfig.fromEnvironment(env);
        return new OperatorService(CognitoUserDirectory.create(config.region(), Optional.empty()),
                config.operationsUserPoolId());
    }

    /** The group an operator of {@code role} belongs to. */
    static String groupName(UserRole role) {
        return Operators.groupName(role);
    }

    /** One page of operators; pages may hold fewer than {@code limit} (pool users that are no operators are skipped). */
    public Page<OperatorView> list(CallerContext caller, String limit, String nextToken) {
        requireOperator(caller, "read operators");
        int pageSize = PageToken.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        if (nextToken != null && !PAGE_TOKEN.matcher(nextToken).matches()) {
            throw invalidToken();
        }
        try {
            var page = directory.listUsers(userPoolId, pageSize, nextToken);
            return new Page<>(page.users().stream().filter(OperatorService::isOperator).map(OperatorView::of)
                    .toList(), page.nextToken());
        } catch (InvalidPageTokenException e) {
            throw invalidToken();
        }
    }

    /** A new operator, invited by email with a temporary password; 409 on {@code email} when the pool has it. */
    public OperatorView create(CallerContext caller, OperatorInput input) {
        caller.requireSystemAdmin("create operators");
        String email = Validation.email("email", input.email());
        UserRole role = OperatorInput.operatorRole(input.role());
        try {
            return OperatorView.of(Operators.create(directory, userPoolId, email, role));
        } catch (UserAlreadyExistsException e) {
            throw new ConflictException("email", "is already a user of the operations pool");
        }
    }

    public OperatorView get(CallerContext caller, String rawUserName) {
        requireOperator(caller, "read operators");
        return OperatorView.of(existing(userName(rawUserName)));
    }

    /** The operator can no longer sign in. A SystemAdmin cannot disable itself (409): the fleet keeps an admin. */
    public OperatorView disable(CallerContext caller, CallerIdentity self, String rawUserName) {
        caller.requireSystemAdmin("disable operators");
        String userName = userName(rawUserName);
        if (!self.isKnown()) {
            throw new UnauthorizedException("request carries no caller identity");
        }
        DirectoryUser target = existing(userName);
        if (self.is(target)) {
            throw new ConflictException("userName", "is the caller: a SystemAdmin cannot disable itself");
        }
        onExisting(userName, () -> directory.disableUser(userPoolId, target.username()));
        return OperatorView.of(existing(userName));
    }

    public OperatorView enable(CallerContext caller, String rawUserName) {
        caller.requireSystemAdmin("enable operators");
        String userName = userName(rawUserName);
        DirectoryUser target = existing(userName);
        onExisting(userName, () -> directory.enableUser(userPoolId, target.username()));
        return OperatorView.of(existing(userName));
    }

    private static void requireOperator(CallerContext caller, String action) {
        if (caller.role() != UserRole.SYSTEM_ADMIN && caller.role() != UserRole.CUSTOMER_SUPPORT) {
            throw new ForbiddenException(caller.role().claimValue() + " may not " + action);
        }
    }

    private static boolean isOperator(DirectoryUser user) {
        return Operators.isOperatorRole(user.role()) && user.tenantId() == null;
    }

    // The pool's username (the sub) or the email, which the pool also accepts as a name.
    private static String userName(String raw) {
        if (raw != null && raw.contains("@")) {
            return Validation.email("userName", raw);
        }
        if (raw == null) {
            throw new ValidationException("userName", "is required");
        }
        if (!SUB.matcher(raw).matches()) {
            throw new ValidationException("userName", "must be an operator's email address or user name (a UUID)");
        }
        return raw.toLowerCase(Locale.ROOT);
    }

    private DirectoryUser existing(String userName) {
        return directory.findUser(userPoolId, userName).filter(OperatorService::isOperator)
                .orElseThrow(() -> NotFoundException.item("operator", userName));
    }

    // Deleted between our read and our change.
    private static void onExisting(String userName, Runnable change) {
        try {
            change.run();
        } catch (UserNotFoundException e) {
            throw NotFoundException.item("operator", userName);
        }
    }

    private static ValidationException invalidToken() {
        return new ValidationException(PageToken.FIELD, "is not a valid page token");
    }
}
