package functions.registration;

import functions.tenants.ControlPlane;
import functions.tenants.ControlPlaneConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import testsupport.Moto;

/**
 * Public sign-up on moto: a registrant pool shaped like constructs.RegistrantPool (user names are request ids, the
 * password policy the codes must meet) in moto's default account, the real {@link CognitoVerificationMail} on it,
 * and the codes it mailed, which the test reads ({@link #lastCode}; moto delivers no mail).
 */
public final class SignUps {

    private static final CognitoIdentityProviderClient COGNITO =
            Moto.get().configure(CognitoIdentityProviderClient.builder()).build();

    /** The real mail, remembering each code it sent (moto delivers no mail the test could read). */
    private final class RecordingMail implements VerificationMail {
        private final VerificationMail mail;

        RecordingMail(VerificationMail mail) {
            this.mail = mail;
        }

        @Override
        public void send(String requestId, String email, String code) {
            mail.send(requestId, email, code);
            // A verification code must never reach a log line (NoSecretsInLogsTest scans for every one mailed).
            functions.shared.LogCapture.secret(code);
            synchronized (sent) {
                sent.add(code);
            }
        }

        @Override
        public void forget(String requestId) {
            mail.forget(requestId);
        }
    }

    public final String registrantPool;
    private final List<String> sent = new ArrayList<>();

    public SignUps() {
        // Each fixture its own pool: registrants are named by request id, which tests reuse.
        registrantPool = COGNITO.createUserPool(r -> r.poolName("registrants-" + UUID.randomUUID())
                .policies(p -> p.passwordPolicy(pp -> pp.minimumLength(14).requireUppercase(true)
                        .requireNumbers(true).requireSymbols(true).requireLowercase(false))))
                .userPool().id();
    }

    public SignUpService service(ControlPlane plane) {
        return service(plane, SignUpMailQuota.DEFAULT_PER_DAY);
    }

    /** With another day's total of sign-up mails. */
    public SignUpService service(ControlPlane plane, int mailsPerDay) {
        return SignUpService.create(plane, new RecordingMail(new CognitoVerificationMail(COGNITO, registrantPool)),
                VerificationCodes.secureRandom(), mailsPerDay);
    }

    /**
     * The handler as its Lambda constructor builds it from {@code env} ({@code REGISTRANT_POOL_ID} included), but
     * with codes the test can read.
     */
    public RegistrationHandler handler(Map<String, String> env) {
        ControlPlane plane = ControlPlane.fromEnvironment(env);
        return new RegistrationHandler(SignUpService.create(plane, new RecordingMail(CognitoVerificationMail.create(
                ControlPlaneConfig.fromEnvironment(env).region(), env.get(SignUpService.REGISTRANT_POOL_ID))),
                VerificationCodes.secureRandom(), SignUpMailQuota.perDay(env)));
    }

    /** The handler on a fixture's control plane. */
    public RegistrationHandler handler(ControlPlane plane) {
        return new RegistrationHandler(service(plane));
    }

    /** The code mailed last. */
    public String lastCode() {
        synchronized (sent) {
            return sent.get(sent.size() - 1);
        }
    }

    /** How many codes were mailed. */
    public int mailCount() {
        synchronized (sent) {
            return sent.size();
        }
    }

    /** The registrant (the mail's recipient) of the sign-up {@code requestId}, if it exists. */
    public AdminGetUserResponse registrant(String requestId) {
        try {
            return COGNITO.adminGetUser(r -> r.userPoolId(registrantPool).username(requestId));
        } catch (UserNotFoundException e) {
            return null;
        }
    }

    public int registrantCount() {
        return COGNITO.listUsers(r -> r.userPoolId(registrantPool)).users().size();
    }

    public CognitoIdentityProviderClient cognito() {
        return COGNITO;
    }
}
