package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"acme", "a1-b", "abc", "tenant-with-32-characters-000000",
            "3f1c2a9e-7b4d-4e2a-9c1f-0a2b3c4d5e6f"})
    void acceptsSlugsAndLowercaseUuids(String raw) {
        assertTrue(TenantId.isValid(raw));
        assertEquals(raw, new TenantId(raw).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "-acme", "Acme", "acme_corp", "acme corp",
            "tenant-with-33-characters-0000000", "3F1C2A9E-7B4D-4E2A-9C1F-0A2B3C4D5E6F", "acme/../globex"})
    void rejectsEverythingElse(String raw) {
        assertFalse(TenantId.isValid(raw));
        assertThrows(IllegalArgumentException.class, () -> new TenantId(raw));
    }
}
