package functions.shared;

import static functions.shared.Environment.optional;
import static functions.shared.Environment.required;

import contract.Env;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The HMAC key of {@link SignedPageToken}: the string of a Secrets Manager secret that CloudFormation generates per
 * stack ({@code PAGE_TOKEN_SECRET_ARN}), fetched once per execution environment on first use (so never inside a
 * SnapStart snapshot) and kept in memory. One GetSecretValue per cold start instead of a KMS GenerateMac and VerifyMac
 * per page: no call on the request path, and $0.40 a month per secret against $1 per HMAC KMS key plus each call
 * (https://aws.amazon.com/secrets-manager/pricing/, https://aws.amazon.com/kms/pricing/). Signed with the function's
 * own role, which may read this one secret only.
 */
public final class PageTokenKey implements Supplier<byte[]> {

    public static final String SECRET_ARN = Env.PAGE_TOKEN_SECRET_ARN.variable();
    public static final String SECRETSMANAGER_ENDPOINT = Env.SECRETSMANAGER_ENDPOINT.variable();
    /** 256 bits at the least for HMAC-SHA256; CloudFormation generates 64 characters (TenantServices). */
    static final int MIN_KEY_BYTES = 32;

    private final SecretsManagerClient client;
    private final String secretId;
    private volatile byte[] key;

    public PageTokenKey(SecretsManagerClient client, String secretId) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
    }

    /** Reads {@code PAGE_TOKEN_SECRET_ARN} (required) and the endpoint override (tests only); fetches nothing yet. */
    public static PageTokenKey fromEnvironment(Map<String, String> env, String region) {
        String secretArn = required(env, SECRET_ARN);
        SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        optional(env, SECRETSMANAGER_ENDPOINT).map(raw -> Environment.endpoint(SECRETSMANAGER_ENDPOINT, raw,
                "http://127.0.0.1:5000")).ifPresent(builder::endpointOverride);
        return new PageTokenKey(builder.build(), secretArn);
    }

    @Override
    public byte[] get() {
        byte[] current = key;
        if (current == null) {
            String secret = client.getSecretValue(r -> r.secretId(secretId)).secretString();
            if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
                throw new IllegalStateException("secret " + secretId + " must hold a string of at least "
                        + MIN_KEY_BYTES + " bytes to sign page tokens");
            }
            current = secret.getBytes(StandardCharsets.UTF_8);
            key = current;
        }
        return current.clone();
    }
}
