package functions.authorizer;

import java.util.concurrent.Callable;

/** A handler's DynamoDB client takes Lambda's credentials from the default chain; moto takes any (static credentials act in its default account). */
final class LocalCredentials {

    private LocalCredentials() {
    }

    static <T> T around(Callable<T> action) throws Exception {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try {
            return action.call();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
