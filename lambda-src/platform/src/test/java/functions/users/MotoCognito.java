package functions.users;

import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.VerifiedAttributeType;
import testsupport.Moto;

/**
 * Cognito user pools on the JVM's one moto server ({@link Moto}), in moto's default account unless built on another
 * account's client ({@link #on}). Tests get a fresh pool each, shaped like {@code constructs.TenantUserPool}'s
 * (email as the username attribute, so users are named by their sub and the email is an alias; custom tenantId,
 * userRole and tier), so they never share users or groups.
 */
public final class MotoCognito {

    private static MotoCognito instance;

    private final CognitoIdentityProviderClient client;

    private MotoCognito(CognitoIdentityProviderClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** In moto's default account ({@link Moto#ACCOUNT}), region {@link Moto#REGION}. */
    public static synchronized MotoCognito get() {
        if (instance == null) {
            instance = new MotoCognito(Moto.get().configure(CognitoIdentityProviderClient.builder()).build());
        }
        return instance;
    }

    /** Pools of whichever account and region {@code client} acts in. */
    public static MotoCognito on(CognitoIdentityProviderClient client) {
        return new MotoCognito(client);
    }

    public CognitoIdentityProviderClient client() {
        return client;
    }

    /** The real implementation on this account's client. */
    public CognitoUserDirectory directory() {
        return new CognitoUserDirectory(client);
    }

    /**
     * The real implementation on a client of the default account whose requests pass {@code interceptor} first
     * (to make something happen between two calls of one directory operation).
     */
    public static CognitoUserDirectory directoryWith(ExecutionInterceptor interceptor) {
        return new CognitoUserDirectory(Moto.get().configure(CognitoIdentityProviderClient.builder())
                .overrideConfiguration(o -> o.addExecutionInterceptor(interceptor)).build());
    }

    /** A new pool with TenantUserPool's sign-in (email as username) and custom attributes; its id. */
    public String createUserPool() {
        return client.createUserPool(r -> r.poolName("test-" + UUID.randomUUID())
                .usernameAttributes(UsernameAttributeType.EMAIL)
                .autoVerifiedAttributes(VerifiedAttributeType.EMAIL)
                .schema(customString("tenantId", 64, false), customString("userRole", 32, true),
                        customString("tier", 16, true)))
                .userPool().id();
    }

    /** TenantUserPool's app client (SRP sign-in, no secret) of {@code userPoolId}; its id. */
    public String createAppClient(String userPoolId) {
        return client.createUserPoolClient(r -> r.userPoolId(userPoolId).clientName("AppClient")
                .generateSecret(false)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_SRP_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                .userPoolClient().clientId();
    }

    private static SchemaAttributeType customString(String name, int maxLength, boolean mutable) {
        return SchemaAttributeType.builder()
                .name(name)
                .attributeDataType(AttributeDataType.STRING)
                .mutable(mutable)
                .stringAttributeConstraints(c -> c.minLength("1").maxLength(String.valueOf(maxLength)))
                .build();
    }
}
