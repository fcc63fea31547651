package functions.e2e;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import testsupport.Moto;

/**
 * The accounts of the end-to-end fleet on moto. moto acts in the account of the role whose session signed a request,
 * so a session of {@code arn:aws:iam::<account>:role/...} issued by moto's STS reaches that account's resources
 * and no other, as in AWS: the control plane's own credentials ({@link Moto#ACCOUNT}) cannot see a tier account's
 * pool; only the session of the stack's control-plane role can.
 */
final class FleetAccounts {

    private static final Map<String, AwsSessionCredentials> SESSIONS = new ConcurrentHashMap<>();
    private static final String[] PROPERTIES = {"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken"};

    private FleetAccounts() {
    }

    /** A session in {@code account} (moto's STS; the role need not exist there, moto does not check). */
    static AwsSessionCredentials session(String account) {
        return SESSIONS.computeIfAbsent(account, a -> {
            try (StsClient sts = Moto.get().configure(StsClient.builder()).build()) {
                var issued = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + a + ":role/e2e-operator")
                        .roleSessionName("e2e-setup")).credentials();
                return AwsSessionCredentials.create(issued.accessKeyId(), issued.secretAccessKey(),
                        issued.sessionToken());
            }
        });
    }

    /** A client of the emulator acting in {@code account} and {@code region}: how the test deploys and inspects. */
    static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder, String account,
            String region) {
        return Moto.get().configure(builder).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(session(account))).build();
    }

    /**
     * Runs {@code body} as a function whose execution role is in {@code account}: the default credential chain the
     * functions use reads these system properties on every call (one test thread; restored afterwards).
     */
    static <T> T runAs(String account, Supplier<T> body) {
        String[] saved = new String[PROPERTIES.length];
        for (int i = 0; i < PROPERTIES.length; i++) {
            saved[i] = System.getProperty(PROPERTIES[i]);
        }
        AwsSessionCredentials session = session(account);
        System.setProperty(PROPERTIES[0], session.accessKeyId());
        System.setProperty(PROPERTIES[1], session.secretAccessKey());
        System.setProperty(PROPERTIES[2], session.sessionToken());
        try {
            return body.get();
        } finally {
            for (int i = 0; i < PROPERTIES.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(PROPERTIES[i]);
                } else {
                    System.setProperty(PROPERTIES[i], saved[i]);
                }
            }
        }
    }
}
