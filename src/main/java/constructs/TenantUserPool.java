package constructs;

import contract.Claim;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Objects;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.ClientAttributes;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.ICustomAttribute;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttributesMask;
import software.amazon.awscdk.services.cognito.StandardThreatProtectionMode;
import software.amazon.awscdk.services.cognito.StringAttribute;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolEmail;
import software.amazon.awscdk.services.cognito.UserPoolSESOptions;
import software.constructs.Construct;

/**
 * A Cognito user pool for tenant users (pooled per tier, or one per silo tenant) or for the operations
 * team. Users are created by the control plane only (no self sign-up); the tenant claims
 * {@code custom:tenantId}, {@code custom:userRole} and {@code custom:tier} ride in every ID token so the
 * API layer can route and isolate without a lookup. The pool is retained: it holds the tenants' users.
 */
public final class TenantUserPool extends Construct {

    /**
     * @param description what the pool is for, shown in the console (required)
     * @param mfa         whether users must sign in with a second factor, always a TOTP app (never SMS)
     *                    (@default {@link Mfa#OPTIONAL})
     * @param ses         the SES sender of the pool's mail (@default none: Cognito's default mailer)
     */
    public record Props(String description, Mfa mfa, SesSender ses) {
        public Props {
            Objects.requireNonNull(description, "TenantUserPool: description is required");
            mfa = mfa == null ? Mfa.OPTIONAL : mfa;
            if (mfa == Mfa.OFF) {
                throw new IllegalArgumentException("TenantUserPool: mfa must be OPTIONAL or REQUIRED, never OFF");
            }
        }

        public Props(String description) {
            this(description, Mfa.OPTIONAL, null);
        }

        public Props withMfa(Mfa required) {
            return new Props(description, required, ses);
        }

        /** @param sender the SES sender, or null for Cognito's default mailer */
        public Props withSes(SesSender sender) {
            return new Props(description, mfa, sender);
        }
    }

    /**
     * A verified SES identity Cognito sends the pool's mail through (EmailSendingAccount DEVELOPER). Cognito sends
     * with its service-linked role AWSServiceRoleForAmazonCognitoIdpEmailService, so the pool's stack grants nothing;
     * an identity in another account needs a sending authorization policy naming the pool
     * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-ses-authorization-to-send-email.html).
     *
     * @param fromAddress      the FROM address (required)
     * @param identityArn      the identity's ARN; Cognito's SourceArn (required)
     * @param identityRegion   the identity's region, where Cognito calls SES (required)
     * @param identityDomain   the domain, for a domain identity (@default none: an email identity)
     * @param configurationSet an SES configuration set (@default none)
     */
    public record SesSender(String fromAddress, String identityArn, String identityRegion, String identityDomain,
                            String configurationSet) {
        public SesSender {
            Objects.requireNonNull(fromAddress, "SesSender: fromAddress is required");
            Objects.requireNonNull(identityArn, "SesSender: identityArn is required");
            Objects.requireNonNull(identityRegion, "SesSender: identityRegion is required");
        }
    }

    /**
     * How long an issued ID or access token is accepted by the authorizers (which verify signature and expiry only,
     * so a disabled user's revoked tokens still pass until then): 15 minutes, near Cognito's minimum of 5 (its range
     * is 5 minutes to 1 day), while keeping refreshes to four an hour per signed-in user
     * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html).
     */
    public static final Duration ID_AND_ACCESS_TOKEN_VALIDITY = Duration.minutes(15);
    /**
     * How long a session may renew its tokens without signing in again: one day (Cognito allows 60 minutes to 10
     * years). Disabling a user or its tenant also revokes its refresh tokens (AdminUserGlobalSignOut).
     */
    public static final Duration REFRESH_TOKEN_VALIDITY = Duration.days(1);

    /**
     * Why a tenant pool may offer MFA without requiring it (AwsSolutions-COG2): the product's decision, docs/SECURITY.md
     * "MFA and mail of the user pools".
     */
    static final String OPTIONAL_MFA_REASON = "MFA is optional, TOTP only (never SMS): any user may set up an "
            + "authenticator app, and Cognito then asks a user who did for it at each sign-in. A tenant's users are "
            + "its own staff, onboarded by the tenant's admin; requiring TOTP of all of them is a tier's choice "
            + "(stages/TierProfile: a row set to Mfa.REQUIRED), not a fleet default. AWS advises OPTIONAL for pools "
            + "with threat protection, which these have in full-function mode. The operations pool, whose users can "
            + "act on every tenant, requires MFA";

    private final UserPool userPool;
    private final UserPoolClient client;

    public TenantUserPool(Construct scope, String id, Props props) {
        super(scope, id);
        var pool = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .customAttributes(customAttributes())
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(12).requireDigits(true).requireLowercase(true).requireUppercase(true)
                        .requireSymbols(true).tempPasswordValidity(Duration.days(3)).build())
                .mfa(props.mfa())
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .featurePlan(FeaturePlan.PLUS)
                .standardThreatProtectionMode(StandardThreatProtectionMode.FULL_FUNCTION)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN);
        if (props.ses() != null) {
            pool.email(sesEmail(props.ses()));
        }
        this.userPool = pool.build();
        if (props.ses() != null) {
            // withSES builds SourceArn in the pool's own account; the catalog's identity may live in another.
            ((CfnUserPool) userPool.getNode().getDefaultChild())
                    .addPropertyOverride("EmailConfiguration.SourceArn", props.ses().identityArn());
        }
        if (props.mfa() == Mfa.OPTIONAL) {
            NagSuppressions.addResourceSuppressions(userPool, List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-COG2").reason(OPTIONAL_MFA_REASON).build()));
        }
        Tags.of(userPool).add("Purpose", props.description());
        this.client = userPool.addClient("AppClient", UserPoolClientOptions.builder()
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .generateSecret(false)
                .preventUserExistenceErrors(true)
                // Users may edit their display name only: custom:userRole and custom:tier are mutable for the
                // control plane, and a client allowed to write them would let a user promote itself.
                .writeAttributes(new ClientAttributes().withStandardAttributes(
                        StandardAttributesMask.builder().fullname(true).build()))
                .idTokenValidity(ID_AND_ACCESS_TOKEN_VALIDITY)
                .accessTokenValidity(ID_AND_ACCESS_TOKEN_VALIDITY)
                .refreshTokenValidity(REFRESH_TOKEN_VALIDITY)
                .build());
    }

    // Without it Cognito's default mailer sends at most 50 emails a day per account
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html); SES has the identity's own quota.
    static UserPoolEmail sesEmail(SesSender ses) {
        var options = UserPoolSESOptions.builder()
                .fromEmail(ses.fromAddress())
                .sesRegion(ses.identityRegion());
        if (ses.identityDomain() != null) {
            options.sesVerifiedDomain(ses.identityDomain());
        }
        if (ses.configurationSet() != null) {
            options.configurationSetName(ses.configurationSet());
        }
        return UserPoolEmail.withSES(options.build());
    }

    // Sorted: the template lists attributes in map order, and Map.of's order changes from one JVM to the next.
    private static SortedMap<String, ICustomAttribute> customAttributes() {
        var attributes = new TreeMap<String, ICustomAttribute>();
        // tenantId never changes for a user: an immutable attribute cannot be re-pointed at another tenant.
        attributes.put(Claim.TENANT_ID.attribute(),
                StringAttribute.Builder.create().minLen(1).maxLen(64).mutable(false).build());
        attributes.put(Claim.USER_ROLE.attribute(),
                StringAttribute.Builder.create().minLen(1).maxLen(32).mutable(true).build());
        attributes.put(Claim.TIER.attribute(),
                StringAttribute.Builder.create().minLen(1).maxLen(16).mutable(true).build());
        return attributes;
    }

    /**
     * Lets the app client also sign users in with ADMIN_USER_PASSWORD_AUTH, which only IAM principals allowed
     * {@code cognito-idp:AdminInitiateAuth} on this pool can use ({@link CanaryProbe}); never a public flow.
     * https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
     */
    void allowAdminPasswordAuth() {
        // The L2 client fixes its flows at construction; the canary's pool adds one to the synthesized list.
        ((CfnUserPoolClient) client.getNode().getDefaultChild()).setExplicitAuthFlows(List.of(
                "ALLOW_USER_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"));
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient client() {
        return client;
    }
}
