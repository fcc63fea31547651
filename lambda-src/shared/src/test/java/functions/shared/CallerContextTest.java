package functions.shared;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import contract.UserRole;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerContextTest {

    private static final TenantId ACME = new TenantId("acme");
    private static final TenantId GLOBEX = new TenantId("globex");

    private static APIGatewayProxyRequestEvent withAuthorizer(Map<String, Object> authorizer) {
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent().withRequestContext(context);
    }

    /** The Lambda authorizer's context keys, as API Gateway puts them on the request. */
    private static Map<String, Object> context(String... keyValues) {
        Map<String, Object> context = new HashMap<>();
        context.put("principalId", "x");
        for (int i = 0; i < keyValues.length; i += 2) {
            context.put(keyValues[i], keyValues[i + 1]);
        }
        return context;
    }

    @Test
    void readsTheLambdaAuthorizersKeys() {
        assertEquals(CallerContext.tenantMember(UserRole.TENANT_ADMIN, ACME), CallerContext.from(withAuthorizer(
                context("userRole", "TenantAdmin", "tenantId", "acme"))));
        assertEquals(CallerContext.operator(UserRole.CUSTOMER_SUPPORT), CallerContext.from(withAuthorizer(
                Map.of("userRole", "CustomerSupport", "principalId", "x"))));
        assertEquals(CallerContext.tenantMember(UserRole.TENANT_USER, ACME), CallerContext.from(withAuthorizer(
                Map.of("userRole", "TenantUser", "tenantId", "acme", "tier", "BASIC"))));
    }

    @Test
    void missingUnknownOrInconsistentIdentityIs401() {
        for (var authorizer : java.util.List.<Map<String, Object>>of(
                Map.of(),
                context("tenantId", "acme"),
                context("userRole", "Root"),
                context("userRole", "TenantAdmin"),
                context("userRole", "SystemAdmin", "tenantId", "acme"),
                Map.of("claims", Map.of("custom:userRole", "SystemAdmin")),
                context("userRole", "TenantAdmin", "tenantId", "ACME!"))) {
            assertThrows(UnauthorizedException.class, () -> CallerContext.from(withAuthorizer(authorizer)),
                    authorizer.toString());
        }
        assertThrows(UnauthorizedException.class, () -> CallerContext.from(new APIGatewayProxyRequestEvent()));
    }

    @Test
    void cognitoClaimsBesideTheAuthorizersKeysAreIgnored() {
        assertEquals(CallerContext.tenantMember(UserRole.TENANT_ADMIN, ACME), CallerContext.from(withAuthorizer(
                Map.of("userRole", "TenantAdmin", "tenantId", "acme",
                        "claims", Map.of("custom:userRole", "SystemAdmin")))));
    }

    @Test
    void roleRulesAreSystemAdminAllSupportReadTenantAdminOwnTenantUserNothing() {
        var system = CallerContext.operator(UserRole.SYSTEM_ADMIN);
        var support = CallerContext.operator(UserRole.CUSTOMER_SUPPORT);
        var acmeAdmin = CallerContext.tenantMember(UserRole.TENANT_ADMIN, ACME);
        var acmeUser = CallerContext.tenantMember(UserRole.TENANT_USER, ACME);

        assertDoesNotThrow(() -> system.requireManage(ACME));
        assertDoesNotThrow(() -> system.requireSystemAdmin("offboard"));
        assertDoesNotThrow(() -> support.requireRead(ACME));
        assertDoesNotThrow(support::requireFleetRead);
        assertThrows(ForbiddenException.class, () -> support.requireManage(ACME));
        assertDoesNotThrow(() -> acmeAdmin.requireRead(ACME));
        assertDoesNotThrow(() -> acmeAdmin.requireManage(ACME));
        assertThrows(ForbiddenException.class, () -> acmeAdmin.requireRead(GLOBEX));
        assertThrows(ForbiddenException.class, acmeAdmin::requireFleetRead);
        assertThrows(ForbiddenException.class, () -> acmeAdmin.requireSystemAdmin("offboard"));
        assertThrows(ForbiddenException.class, () -> acmeUser.requireRead(ACME));
        assertThrows(ForbiddenException.class, () -> acmeUser.requireManage(ACME));
    }

    @Test
    void aTenantRoleNeedsATenantAndAnOperatorRoleHasNone() {
        assertThrows(IllegalArgumentException.class,
                () -> new CallerContext(UserRole.TENANT_ADMIN, Optional.empty()));
        assertThrows(IllegalArgumentException.class,
                () -> new CallerContext(UserRole.SYSTEM_ADMIN, Optional.of(ACME)));
    }
}
