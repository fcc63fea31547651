package functions.registration;

import functions.shared.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one-time codes that prove a sign-up's admin email: 12 characters from an alphabet without look-alikes
 * (0/O, 1/I/L), shown as {@code XXXX-XXXX-XXXX} (about 59 bits: a stolen hash cannot be searched within the code's
 * life). Only {@link #hash} of a code is stored, bound to its request id so one hash cannot verify another request;
 * {@link #matches} compares in constant time ({@link MessageDigest#isEqual}). The shown form always holds an upper-
 * case letter, a digit and a symbol, so it satisfies the registrant pool's password policy as Cognito's temporary
 * password (constructs.RegistrantPool).
 */
final class VerificationCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 12;
    static final int GROUP = 4;

    private VerificationCodes() {
    }

    /** Codes drawn from {@link SecureRandom}, which the runtime reseeds after a SnapStart restore. */
    static Supplier<String> secureRandom() {
        SecureRandom random = new SecureRandom();
        return () -> {
            String code;
            do {
                StringBuilder raw = new StringBuilder(LENGTH);
                for (int i = 0; i < LENGTH; i++) {
                    raw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                code = raw.toString();
            } while (!code.chars().anyMatch(Character::isDigit) || !code.chars().anyMatch(Character::isLetter));
            return shown(code);
        };
    }

    /** {@code XXXX-XXXX-XXXX}: what the mail shows and what Cognito takes as the temporary password. */
    static String shown(String canonical) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < canonical.length(); i += GROUP) {
            if (i > 0) {
                out.append('-');
            }
            out.append(canonical, i, Math.min(canonical.length(), i + GROUP));
        }
        return out.toString();
    }

    /**
     * The code as typed, with case, blanks and dashes ignored; a 400 naming {@code field} unless it has the
     * code's length and alphabet.
     */
    static String canonical(String field, String typed) {
        if (typed == null) {
            throw new ValidationException(field, "is required");
        }
        String canonical = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (canonical.length() != LENGTH || !canonical.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new ValidationException(field, "must be the " + LENGTH + "-character code from the email");
        }
        return canonical;
    }

    /** SHA-256 of the request id and the canonical code, hex. */
    static String hash(String requestId, String code) {
        String canonical = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return HexFormat.of().formatHex(sha256(requestId + ":" + canonical));
    }

    /** Whether {@code canonicalCode} is the code whose hash is {@code storedHash}, in constant time. */
    static boolean matches(String storedHash, String requestId, String canonicalCode) {
        byte[] expected = HexFormat.of().parseHex(storedHash);
        return MessageDigest.isEqual(expected, sha256(requestId + ":" + canonicalCode));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
