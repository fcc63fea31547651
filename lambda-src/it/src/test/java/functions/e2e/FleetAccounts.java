package functions.e2e;

import functions.shared.MotoAccount;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Runs a function as its execution role in its own account. moto acts in the account of the session that signed a
 * request, so a function running in the wrong account finds nothing there: the control plane's own credentials
 * cannot see a tier account's pool; only the session of the stack's control-plane role can.
 */
final class FleetAccounts {

    private static final String[] PROPERTIES = {"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken"};

    private FleetAccounts() {
    }

    /**
     * Runs {@code body} as a function whose execution role is in {@code account}: the default credential chain the
     * functions use reads these system properties on every call (one test thread; restored afterwards).
     */
    static <T> T runAs(MotoAccount account, Supplier<T> body) {
        String[] saved = new String[PROPERTIES.length];
        for (int i = 0; i < PROPERTIES.length; i++) {
            saved[i] = System.getProperty(PROPERTIES[i]);
        }
        var session = (AwsSessionCredentials) account.credentials().resolveCredentials();
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
