package functions.users;

import contract.Claim;
import contract.UserRole;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersInGroupResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * {@link UserDirectory} on Cognito user pools through one SDK client. It never sets or reads a password:
 * Cognito generates the temporary one and emails it with the invitation.
 */
public final class CognitoUserDirectory implements UserDirectory {

    static final String EMAIL = "email";
    static final String EMAIL_VERIFIED = "email_verified";
    static final String TENANT_ID = Claim.TENANT_ID.claim();
    static final String USER_ROLE = Claim.USER_ROLE.claim();
    static final String TIER = Claim.TIER.claim();
    static final int MAX_PAGE_SIZE = 60;

    private final CognitoIdentityProviderClient client;

    CognitoUserDirectory(CognitoIdentityProviderClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Built once per function instance (at init, so the client is in the SnapStart snapshot).
     *
     * @param endpointOverride only set from configuration to reach a local emulator
     */
    public static CognitoUserDirectory create(String region, Optional<URI> endpointOverride) {
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                // Same client choice as DynamoDbClientFactory: JDK-based, smallest jar, fastest restore.
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        endpointOverride.ifPresent(builder::endpointOverride);
        return new CognitoUserDirectory(builder.build());
    }

    /**
     * As {@link #create(String, Optional)}, signing with {@code credentials}: the control plane reaches a pool in
     * another account through a role it assumed there.
     */
    public static CognitoUserDirectory create(String region, Optional<URI> endpointOverride,
                                              AwsCredentialsProvider credentials) {
        CognitoIdentityProviderClientBuilder builder = CognitoIdentityProviderClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .credentialsProvider(Objects.requireNonNull(credentials, "credentials"));
        endpointOverride.ifPresent(builder::endpointOverride);
        return new CognitoUserDirectory(builder.build());
    }

    @Override
    public DirectoryUser createUser(String userPoolId, NewUser user) {
        UserType created;
        try {
            created = client.adminCreateUser(r -> r.userPoolId(userPoolId)
                    .username(user.email())
                    .userAttributes(attributes(user))
                    // Cognito's default medium is SMS; our users have no phone number.
                    .desiredDeliveryMediums(DeliveryMediumType.EMAIL)).user();
        } catch (UsernameExistsException e) {
            throw withCause(new UserAlreadyExistsException(userPoolId, user.email()), e);
        }
        return toUser(created.username(), created.attributes(), created.enabled(), created.userStatusAsString());
    }

    @Override
    public void ensureGroup(String userPoolId, String groupName, String description) {
        // Create first: a new tenant's group (the common case) costs one call, and an existing group (a retried
        // onboarding, a race) is left exactly as it is, members and description, since CreateGroup never changes one.
        try {
            client.createGroup(r -> r.userPoolId(userPoolId).groupName(groupName).description(description));
        } catch (GroupExistsException e) {
            // Already there: the outcome we want.
        }
    }

    @Override
    public void addUserToGroup(String userPoolId, String username, String groupName) {
        onUser(userPoolId, username, () ->
                client.adminAddUserToGroup(r -> r.userPoolId(userPoolId).username(username).groupName(groupName)));
    }

    @Override
    public Optional<DirectoryUser> findUser(String userPoolId, String username) {
        AdminGetUserResponse found;
        try {
            found = client.adminGetUser(r -> r.userPoolId(userPoolId).username(username));
        } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(toUser(found.username(), found.userAttributes(), found.enabled(),
                found.userStatusAsString()));
    }

    @Override
    public UserPage listUsersInGroup(String userPoolId, String groupName, int limit, String nextToken) {
        checkLimit(limit);
        ListUsersInGroupResponse page = client.listUsersInGroup(r -> r.userPoolId(userPoolId)
                .groupName(groupName).limit(limit).nextToken(nextToken));
        return page(page.users(), page.nextToken());
    }

    @Override
    public UserPage listUsers(String userPoolId, int limit, String nextToken) {
        checkLimit(limit);
        ListUsersResponse page;
        try {
            page = client.listUsers(r -> r.userPoolId(userPoolId).limit(limit).paginationToken(nextToken));
        } catch (InvalidParameterException e) {
            // Our request has no other free-form parameter: with a token, the token is what Cognito refused.
            if (nextToken == null) {
                throw e;
            }
            throw withCause(new InvalidPageTokenException(userPoolId), e);
        }
        return page(page.users(), page.paginationToken());
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_PAGE_SIZE + ", got " + limit);
        }
    }

    private static UserPage page(List<UserType> users, String next) {
        return new UserPage(users.stream()
                .map(u -> toUser(u.username(), u.attributes(), u.enabled(), u.userStatusAsString()))
                .toList(), next == null || next.isEmpty() ? null : next);
    }

    @Override
    public void updateRole(String userPoolId, String username, UserRole role) {
        Objects.requireNonNull(role, "role");
        onUser(userPoolId, username, () -> client.adminUpdateUserAttributes(r -> r.userPoolId(userPoolId)
                .username(username)
                .userAttributes(attribute(USER_ROLE, role.claimValue()))));
    }

    @Override
    public void disableUser(String userPoolId, String username) {
        onUser(userPoolId, username, () -> client.adminDisableUser(r -> r.userPoolId(userPoolId).username(username)));
    }

    @Override
    public void enableUser(String userPoolId, String username) {
        onUser(userPoolId, username, () -> client.adminEnableUser(r -> r.userPoolId(userPoolId).username(username)));
    }

    @Override
    public void signOut(String userPoolId, String username) {
        onUser(userPoolId, username, () ->
                client.adminUserGlobalSignOut(r -> r.userPoolId(userPoolId).username(username)));
    }

    @Override
    public void deleteUser(String userPoolId, String username) {
        try {
            client.adminDeleteUser(r -> r.userPoolId(userPoolId).username(username));
        } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException e) {
            // Already gone: deleting is what the caller wanted.
        }
    }

    @Override
    public void deleteGroup(String userPoolId, String groupName) {
        try {
            client.deleteGroup(r -> r.userPoolId(userPoolId).groupName(groupName));
        } catch (ResourceNotFoundException e) {
            // Already gone: deleting is what the caller wanted.
        }
    }

    private static void onUser(String userPoolId, String username, Supplier<?> call) {
        try {
            call.get();
        } catch (software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException e) {
            throw withCause(new UserNotFoundException(userPoolId, username), e);
        }
    }

    static List<AttributeType> attributes(NewUser user) {
        var attributes = new ArrayList<AttributeType>();
        attributes.add(attribute(EMAIL, user.email()));
        // The invitation goes to this address, and the address is the sign-in name: treat it as verified.
        attributes.add(attribute(EMAIL_VERIFIED, "true"));
        attributes.add(attribute(USER_ROLE, user.role().claimValue()));
        if (user.tenantId() != null) {
            attributes.add(attribute(TENANT_ID, user.tenantId()));
        }
        if (user.tier() != null) {
            attributes.add(attribute(TIER, user.tier()));
        }
        return attributes;
    }

    static DirectoryUser toUser(String username, List<AttributeType> attributes, Boolean enabled, String status) {
        Map<String, String> byName = new HashMap<>();
        attributes.forEach(a -> byName.put(a.name(), a.value()));
        String role = byName.get(USER_ROLE);
        return new DirectoryUser(username, byName.get(EMAIL), byName.get(TENANT_ID),
                role == null ? null : UserRole.fromClaim(role), byName.get(TIER),
                // Never guess a user into being able to sign in: a missing flag reads as disabled.
                Boolean.TRUE.equals(enabled), status);
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }

    private static <T extends RuntimeException> T withCause(T exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }
}
