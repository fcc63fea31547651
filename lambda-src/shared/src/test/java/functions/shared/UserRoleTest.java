package functions.shared;

import contract.UserRole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UserRoleTest {

    @Test
    void everyRoleRoundTripsThroughItsClaimValue() {
        Arrays.stream(UserRole.values()).forEach(role -> assertEquals(role, UserRole.fromClaim(role.claimValue())));
        assertEquals("TenantAdmin", UserRole.TENANT_ADMIN.claimValue());
        assertEquals("SystemAdmin", UserRole.SYSTEM_ADMIN.claimValue());
    }

    @Test
    void anUnknownClaimIsRefusedNamingTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> UserRole.fromClaim("tenantadmin"));
        assertTrue(e.getMessage().contains("'tenantadmin'"), e.getMessage());
        assertTrue(e.getMessage().contains("TenantAdmin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UserRole.fromClaim("TENANT_ADMIN"));
        assertThrows(IllegalArgumentException.class, () -> UserRole.fromClaim(null));
    }
}
