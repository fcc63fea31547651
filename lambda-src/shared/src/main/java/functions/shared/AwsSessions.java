package functions.shared;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.Credentials;

/** What every STS AssumeRole caller of the fleet needs: partitions, session credentials, error codes. */
public final class AwsSessions {

    private AwsSessions() {
    }

    /** The partition of a region ({@code aws-cn}, {@code aws-us-gov} or {@code aws}), for ARNs of other accounts. */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    /** The assumed role's credentials as the SDK signs with them, expiry included (so the SDK can tell). */
    public static AwsSessionCredentials credentials(Credentials assumed) {
        return AwsSessionCredentials.builder()
                .accessKeyId(assumed.accessKeyId())
                .secretAccessKey(assumed.secretAccessKey())
                .sessionToken(assumed.sessionToken())
                .expirationTime(assumed.expiration())
                .build();
    }

    /** AWS's error code ({@code AccessDenied}, ...) or, without one (no answer at all), the exception's class. */
    public static String errorCode(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }
}
