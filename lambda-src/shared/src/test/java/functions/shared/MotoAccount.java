package functions.shared;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import testsupport.Moto;

/**
 * An AWS account on the JVM's moto server, and credentials that act in it: moto's STS issues them for a role ARN of
 * the account (the role need not exist), and moto files every request signed with them under that account, as AWS
 * does for an assumed role of another account. {@link #fresh()} gives an account no other test has touched, so a
 * test that lists everything in an account/region (stacks, keys) sees only what it made, without resetting moto.
 */
public record MotoAccount(String id) {

    // 9xxxxxxxxxxx, never moto's default account; random start, so two test JVMs on one server still differ.
    private static final AtomicLong NEXT = new AtomicLong(
            900_000_000_000L + ThreadLocalRandom.current().nextLong(0, 90_000_000_000L));
    private static final Map<String, AwsCredentialsProvider> CREDENTIALS = new ConcurrentHashMap<>();
    private static StsClient sts;

    public MotoAccount {
        if (!id.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("an account id is 12 digits: " + id);
        }
    }

    /** An account no other test uses. */
    public static MotoAccount fresh() {
        return new MotoAccount(Long.toString(NEXT.getAndIncrement()));
    }

    /** Session credentials acting in this account (one session per account and JVM; moto's last for an hour). */
    public AwsCredentialsProvider credentials() {
        return CREDENTIALS.computeIfAbsent(id, account -> StaticCredentialsProvider.create(
                AwsSessions.credentials(sts().assumeRole(r -> r
                        .roleArn("arn:aws:iam::" + account + ":role/moto-test-setup")
                        .roleSessionName("test-setup")).credentials())));
    }

    /** A builder pointed at moto, in {@code region}, acting in this account: for setting up what a test needs. */
    public <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(B builder, String region) {
        return Moto.get().configure(builder).region(Region.of(region)).credentialsProvider(credentials());
    }

    private static synchronized StsClient sts() {
        if (sts == null) {
            sts = Moto.get().configure(StsClient.builder()).build();
        }
        return sts;
    }

    @Override
    public String toString() {
        return id;
    }
}
