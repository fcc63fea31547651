package functions.registration;

import contract.Tier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/** A validated registration: the email is lowercased, the other texts stripped. */
record RegistrationRequest(String tenantName, String adminEmail, Tier tier, String address, String phone) {

    /**
     * The tenant name as uniqueness sees it: Unicode-compatible forms folded (NFKC), case ignored, runs of blanks
     * collapsed, so "ACME  Corp" and "acme corp" are one name.
     */
    String nameKey() {
        return Normalizer.normalize(tenantName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ");
    }

    /**
     * What "the same request" means for an idempotency key: a hash of every validated field, so a replay that
     * differs only in whitespace or email case is still the same registration.
     */
    String fingerprint() {
        String canonical = String.join("\u0000", Stream.of(tenantName, adminEmail, tier.name(), address, phone)
                .map(v -> Objects.toString(v, "\u0001")).toList());
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
