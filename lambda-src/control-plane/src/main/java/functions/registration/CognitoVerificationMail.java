package functions.registration;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/**
 * Mails a sign-up's code through Cognito, the only mailer the control plane has: {@code AdminCreateUser} in the
 * registrant pool (constructs.RegistrantPool, which has no app client, so nobody can sign in to it) with the
 * code as the temporary password, which the pool's invitation template shows as {@code {####}}
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-message-customizations.html).
 * The registrant's user name is the request id; the code itself is checked by {@link SignUpService} against the
 * stored hash, never by Cognito. Only IAM principals allowed {@code cognito-idp:AdminCreateUser} on that pool can
 * trigger a mail, so no caller can reach the mailer around the registration route's throttle.
 */
final class CognitoVerificationMail implements VerificationMail {

    private final CognitoIdentityProviderClient cognito;
    private final String poolId;

    CognitoVerificationMail(CognitoIdentityProviderClient cognito, String poolId) {
        this.cognito = Objects.requireNonNull(cognito, "cognito");
        this.poolId = Objects.requireNonNull(poolId, SignUpService.REGISTRANT_POOL_ID);
    }

    /** Built once per function instance, at init; the endpoint comes from the SDK's own settings. */
    static CognitoVerificationMail create(String region, String poolId) {
        return new CognitoVerificationMail(CognitoIdentityProviderClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build(), poolId);
    }

    @Override
    public void send(String requestId, String email, String code) {
        // A restarted sign-up had a registrant already: a new invitation needs a new user.
        forget(requestId);
        cognito.adminCreateUser(r -> r.userPoolId(poolId)
                .username(requestId)
                .temporaryPassword(code)
                .userAttributes(AttributeType.builder().name("email").value(email).build())
                // Cognito's default medium is SMS.
                .desiredDeliveryMediums(DeliveryMediumType.EMAIL));
    }

    @Override
    public void forget(String requestId) {
        try {
            cognito.adminDeleteUser(r -> r.userPoolId(poolId).username(requestId));
        } catch (UserNotFoundException alreadyGone) {
            // Nothing to drop.
        }
    }
}
