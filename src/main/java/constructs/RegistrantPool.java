package constructs;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserInvitationConfig;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The control plane's mailer for public sign-up codes: a Cognito user pool with no app client, so nobody can sign in
 * to it or call its public SignUp. The registration function creates one registrant per sign-up
 * ({@code AdminCreateUser}, user name = the request id, temporary password = the one-time code) and Cognito mails
 * its invitation, whose {@code {####}} is that code; the function deletes the registrant once the code comes back.
 * The code is checked by the function against its stored hash, never by Cognito
 * (lambda-src {@code functions.registration.SignUpService}). The invitation keeps Cognito's default text ("Your
 * username is {username} and temporary password is {####}."): with Cognito's own mailer a custom EmailMessage is not
 * allowed, only with an SES sender (EmailSendingAccount DEVELOPER,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cognito-userpool-invitemessagetemplate.html),
 * so the API tells the registrant that the mail's temporary password is the sign-up code.
 *
 * <p>Why not Cognito's own SignUp/ConfirmSignUp code: that flow needs a pool that accepts sign-up and a public app
 * client, and then "creates a user profile for anyone on the internet who knows your publicly-discoverable app client
 * ID" (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-admin-create-user-policy.html):
 * anyone could mail codes around the API's throttle. AdminCreateUser needs IAM credentials
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html).
 * Registrants are transient (the pool holds no tenant data), so the pool is not retained.
 */
public final class RegistrantPool extends Construct {

    private final UserPool userPool;

    /** With Cognito's default mailer (about 50 mails a day per account, so about 50 sign-ups). */
    public RegistrantPool(Construct scope, String id) {
        this(scope, id, null);
    }

    /**
     * @param ses the catalog's SES sender (@default null: Cognito's default mailer and its default invitation text);
     *            with it the code goes out through SES, under the identity's own quota, in a mail that says what it is
     */
    public RegistrantPool(Construct scope, String id, TenantUserPool.SesSender ses) {
        super(scope, id);
        var builder = UserPool.Builder.create(this, "UserPool")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().username(true).build())
                // The codes (XXXX-XXXX-XXXX: upper case, digits, dashes) are the temporary passwords: they must meet it.
                .passwordPolicy(PasswordPolicy.builder()
                        .minLength(14).requireDigits(true).requireUppercase(true).requireSymbols(true)
                        .requireLowercase(false).tempPasswordValidity(Duration.days(1)).build())
                .mfa(Mfa.OFF)
                .accountRecovery(AccountRecovery.NONE)
                .featurePlan(FeaturePlan.ESSENTIALS)
                .removalPolicy(RemovalPolicy.DESTROY);
        if (ses != null) {
            // A custom invitation needs an SES sender (see the class comment); both placeholders must stay in it.
            builder.email(TenantUserPool.sesEmail(ses))
                    .userInvitation(UserInvitationConfig.builder()
                            .emailSubject("Your sign-up code")
                            .emailBody("Your sign-up code for request {username} is {####}. It is valid for one hour;"
                                    + " send it with POST /registration/{username}/verify.")
                            .build());
        }
        this.userPool = builder.build();
        if (ses != null) {
            // As in TenantUserPool: withSES builds SourceArn in the pool's own account; the identity may be elsewhere.
            ((CfnUserPool) userPool.getNode().getDefaultChild())
                    .addPropertyOverride("EmailConfiguration.SourceArn", ses.identityArn());
        }
        var reason = "The registrant pool has no app client: nobody can sign in to it, so sign-in protections "
                + "(MFA, threat protection) have nothing to protect; it only mails sign-up codes through "
                + "AdminCreateUser, which needs the registration function's IAM role";
        NagSuppressions.addResourceSuppressions(userPool, List.of(
                NagPackSuppression.builder().id("AwsSolutions-COG2").reason(reason).build(),
                NagPackSuppression.builder().id("AwsSolutions-COG3").reason(reason).build()));
    }

    /** Lets {@code grantee} create (mail a code) and delete registrants, and nothing else. */
    public void grantMail(IGrantable grantee) {
        userPool.grant(grantee, "cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser");
    }

    public UserPool userPool() {
        return userPool;
    }
}
