package functions.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code clientRequestToken} of a start: a hash of the pipeline name and the sequence numbers of the
 * batch's relevant records. A retried batch yields the same token, so CodePipeline does not start twice.
 */
final class RequestToken {

    private RequestToken() {
    }

    /** 64 lowercase hex characters: within CodePipeline's 1..128 characters of {@code [a-zA-Z0-9-]}. */
    static String derive(String pipelineName, List<String> sequenceNumbers) {
        MessageDigest sha256 = sha256();
        // The pipeline name is part of the hash so no two pipelines ever share a token, whatever its scope.
        sha256.update(pipelineName.getBytes(StandardCharsets.UTF_8));
        for (String sequenceNumber : sequenceNumbers) {
            sha256.update((byte) '\n');
            sha256.update(sequenceNumber.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
