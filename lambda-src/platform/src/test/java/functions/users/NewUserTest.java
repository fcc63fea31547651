package functions.users;

import contract.UserRole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NewUserTest {

    @Test
    void tenantRolesNeedATenantAndATier() {
        var e = assertThrows(NullPointerException.class,
                () -> new NewUser("ada@acme.example", null, UserRole.TENANT_USER, "basic"));
        assertTrue(e.getMessage().contains("tenantId"), e.getMessage());
        assertThrows(NullPointerException.class,
                () -> new NewUser("ada@acme.example", "acme", UserRole.TENANT_ADMIN, null));
    }

    @Test
    void crossTenantRolesMayHaveNeither() {
        assertEquals(UserRole.CUSTOMER_SUPPORT,
                new NewUser("help@saas.example", null, UserRole.CUSTOMER_SUPPORT, null).role());
    }

    @Test
    void emailAndRoleAreRequiredAndNoValueMayBeBlank() {
        assertThrows(NullPointerException.class, () -> new NewUser(null, "acme", UserRole.TENANT_USER, "basic"));
        assertThrows(NullPointerException.class, () -> new NewUser("ada@acme.example", "acme", null, "basic"));
        assertThrows(IllegalArgumentException.class, () -> new NewUser(" ", "acme", UserRole.TENANT_USER, "basic"));
        assertThrows(IllegalArgumentException.class,
                () -> new NewUser("ada@acme.example", "", UserRole.TENANT_USER, "basic"));
    }
}
