package functions.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.ValidationException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The codes themselves. AWS rejects a temporary password that breaks the pool's policy (AdminCreateUser: "must
 * conform to the password policy"); moto does not check it, so the fit with constructs.RegistrantPool's policy (at
 * least 14 characters, an upper-case letter, a digit, a symbol; lower case not required) is pinned here.
 */
class VerificationCodesTest {

    @Test
    void everyCodeMeetsTheRegistrantPoolsPasswordPolicyAndCodesDoNotRepeat() {
        Supplier<String> codes = VerificationCodes.secureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String code = codes.get();
            assertTrue(code.matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"), code);
            assertTrue(code.length() >= 14, code);
            assertTrue(code.chars().anyMatch(Character::isUpperCase), code);
            assertTrue(code.chars().anyMatch(Character::isDigit), code);
            assertTrue(code.contains("-"), code);
            assertTrue(seen.add(code), "repeated " + code);
        }
    }

    @Test
    void aHashVerifiesOnlyItsOwnCodeForItsOwnRequest() {
        String hash = VerificationCodes.hash("request-a", "ABCD-EFGH-2345");

        assertTrue(VerificationCodes.matches(hash, "request-a", VerificationCodes.canonical("code", "abcd efgh 2345")));
        assertFalse(VerificationCodes.matches(hash, "request-b", "ABCDEFGH2345"), "bound to its request");
        assertFalse(VerificationCodes.matches(hash, "request-a", "ABCDEFGH2346"));
        assertNotEquals(hash, VerificationCodes.hash("request-b", "ABCD-EFGH-2345"));
        assertFalse(hash.contains("ABCDEFGH2345"));
    }

    @Test
    void aMalformedCodeIs400NamingTheField() {
        for (String typed : new String[] {null, "", "ABCD-EFGH-234", "ABCD-EFGH-23450", "ABCD-EFGH-2341", "ABCD-EFGH-O345"}) {
            var refused = assertThrows(ValidationException.class, () -> VerificationCodes.canonical("code", typed));
            assertEquals("code", refused.field(), String.valueOf(typed));
        }
    }
}
