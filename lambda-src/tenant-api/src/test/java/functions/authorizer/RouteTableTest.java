package functions.authorizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import functions.shared.TenantId;
import contract.UserRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may call what, read off the policies as API Gateway would evaluate them. */
class RouteTableTest {

    private static final String ADMIN_ARN = "arn:aws:execute-api:us-east-1:111111111111:f6g7h8i9j0/prod/";
    private static final String TENANT_ARN = "arn:aws:execute-api:us-east-1:222222222222:a1b2c3d4e5/prod/";

    private static Caller caller(UserRole role, String tenant) {
        return new Caller("sub-1", role, Optional.ofNullable(tenant).map(TenantId::new), Optional.of("BASIC"));
    }

    private static Policy policy(ApiKind api, Caller caller) {
        MethodArn arn = MethodArn.parse((api == ApiKind.ADMIN ? ADMIN_ARN : TENANT_ARN) + "GET/anything");
        return Policy.allow(caller.subject(), arn, RouteTable.grants(api, caller), Map.of(), Optional.empty());
    }

    @Test
    void tenantRolesGetEveryProductAndOrderRouteOnTheTenantApiAndNothingElse() {
        List<String> expected = List.of("GET/products", "POST/products", "GET/products/*", "PUT/products/*",
                "DELETE/products/*", "GET/orders", "POST/orders", "GET/orders/*", "PUT/orders/*", "DELETE/orders/*");
        assertEquals(expected, RouteTable.grants(ApiKind.TENANT, caller(UserRole.TENANT_USER, "acme")));
        assertEquals(expected, RouteTable.grants(ApiKind.TENANT, caller(UserRole.TENANT_ADMIN, "acme")));
        assertEquals(List.of(), RouteTable.grants(ApiKind.TENANT, caller(UserRole.SYSTEM_ADMIN, null)));
        assertEquals(List.of(), RouteTable.grants(ApiKind.TENANT, caller(UserRole.CUSTOMER_SUPPORT, null)));
    }

    @Test
    void systemAdminGetsEveryAdminRouteForEveryTenantAndEveryOperator() {
        assertEquals(List.of("GET/tenants", "POST/tenants", "GET/tenants/*", "PUT/tenants/*",
                        "POST/tenants/*/activate", "POST/tenants/*/deactivate", "POST/tenants/*/offboard",
                        "GET/tenants/*/users", "POST/tenants/*/users", "GET/tenants/*/users/*", "PUT/tenants/*/users/*",
                        "POST/tenants/*/users/*/disable", "POST/tenants/*/users/*/enable", "GET/tenants/*/usage",
                        "GET/tenants/*/cost", "GET/operators",
                        "POST/operators", "GET/operators/*",
                        "POST/operators/*/disable", "POST/operators/*/enable"),
                RouteTable.grants(ApiKind.ADMIN, caller(UserRole.SYSTEM_ADMIN, null)));
    }

    @Test
    void customerSupportReadsOnly() {
        assertEquals(List.of("GET/tenants", "GET/tenants/*", "GET/tenants/*/users", "GET/tenants/*/users/*",
                        "GET/operators", "GET/operators/*"),
                RouteTable.grants(ApiKind.ADMIN, caller(UserRole.CUSTOMER_SUPPORT, null)));
    }

    @Test
    void tenantAdminGetsItsOwnTenantAndItsUsersOnly() {
        assertEquals(List.of("GET/tenants/acme", "PUT/tenants/acme", "GET/tenants/acme/users",
                        "POST/tenants/acme/users", "GET/tenants/acme/users/*", "PUT/tenants/acme/users/*",
                        "POST/tenants/acme/users/*/disable", "POST/tenants/acme/users/*/enable",
                        "GET/tenants/acme/usage", "GET/tenants/acme/cost"),
                RouteTable.grants(ApiKind.ADMIN, caller(UserRole.TENANT_ADMIN, "acme")));
        assertEquals(List.of(), RouteTable.grants(ApiKind.ADMIN, caller(UserRole.TENANT_USER, "acme")));
    }

    @Test
    void tenantAdminPolicyReachesNoOtherTenantAndNoLifecycleAction() {
        Policy policy = policy(ApiKind.ADMIN, caller(UserRole.TENANT_ADMIN, "acme"));

        assertTrue(policy.allows(ADMIN_ARN + "GET/tenants/acme"));
        assertTrue(policy.allows(ADMIN_ARN + "POST/tenants/acme/users/u-42/disable"));
        assertTrue(policy.allows(ADMIN_ARN + "GET/tenants/acme/usage"));
        assertTrue(policy.allows(ADMIN_ARN + "GET/tenants/acme/cost"));
        for (String denied : List.of("GET/tenants", "GET/tenants/globex", "GET/tenants/acme-2",
                "GET/tenants/globex/usage", "GET/tenants/globex/cost", "GET/tenants/acme-2/usage",
                "GET/tenants/acme-2/users", "PUT/tenants/globex/users/u-1", "POST/tenants/acme/activate",
                "POST/tenants/acme/offboard", "POST/tenants", "DELETE/tenants/acme", "GET/operators",
                "GET/operators/someone@example.com", "POST/operators/someone@example.com/enable")) {
            assertFalse(policy.allows(ADMIN_ARN + denied), denied);
        }
    }

    @Test
    void customerSupportPolicyAllowsNoWrite() {
        Policy policy = policy(ApiKind.ADMIN, caller(UserRole.CUSTOMER_SUPPORT, null));

        assertTrue(policy.allows(ADMIN_ARN + "GET/tenants/globex/users/u-1"));
        assertTrue(policy.allows(ADMIN_ARN + "GET/operators/someone@example.com"));
        for (String denied : List.of("POST/tenants", "PUT/tenants/acme", "POST/tenants/acme/deactivate",
                "DELETE/tenants/acme/users/u-1", "POST/tenants/acme/users/u-1/disable", "POST/operators",
                "POST/operators/someone@example.com/disable", "POST/operators/someone@example.com/enable")) {
            assertFalse(policy.allows(ADMIN_ARN + denied), denied);
        }
    }

    @Test
    void policyCoversOnlyTheApiAndStageOfTheRequest() {
        Policy policy = policy(ApiKind.TENANT, caller(UserRole.TENANT_USER, "acme"));

        assertTrue(policy.allows(TENANT_ARN + "DELETE/orders/o-1"));
        assertFalse(policy.allows(TENANT_ARN + "PATCH/products/p-1"));
        assertFalse(policy.allows(TENANT_ARN.replace("/prod/", "/test/") + "GET/products"));
        assertFalse(policy.allows(TENANT_ARN.replace("a1b2c3d4e5", "zzzzzzzzzz") + "GET/products"));
        assertTrue(policy.resources().stream().allMatch(r -> r.startsWith(TENANT_ARN)));
    }

    @Test
    void everyAdminRouteOpenToATenantRoleIsScopedToTheCallersTenant() {
        assertThrows(IllegalArgumentException.class, () -> new RouteTable.Route(ApiKind.ADMIN, "GET", "/tenants",
                Set.of(UserRole.TENANT_ADMIN)));
        RouteTable.ROUTES.stream()
                .filter(route -> route.api() == ApiKind.ADMIN)
                .filter(route -> route.roles().contains(UserRole.TENANT_ADMIN) || route.roles().contains(UserRole.TENANT_USER))
                .forEach(route -> assertTrue(route.path().startsWith("/tenants/{tenantId}"), route.toString()));
    }

    @Test
    void noTokenOfAnyRoleReachesTheIamAuthorizedInternalRoutes() {
        for (UserRole role : UserRole.values()) {
            for (ApiKind api : ApiKind.values()) {
                Policy policy = policy(api, caller(role, Roles.isStaff(role) ? null : "acme"));
                for (String internal : List.of("POST/internal/tenants/acme/activate",
                        "POST/internal/tenants/globex/activate", "GET/internal/tenants/acme/activate")) {
                    String stage = api == ApiKind.ADMIN ? ADMIN_ARN : TENANT_ARN;
                    assertFalse(policy.allows(stage + internal), role + " on " + api + ": " + internal);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new RouteTable.Route(ApiKind.ADMIN, "POST",
                "/internal/tenants/{tenantId}/activate", Set.of(UserRole.SYSTEM_ADMIN)));
        assertThrows(IllegalArgumentException.class, () -> new RouteTable.Route(ApiKind.ADMIN, "GET", "/internal",
                Set.of(UserRole.SYSTEM_ADMIN)));
    }

    @Test
    void adminRoutesAreExactlyTheControlPlaneAndOperatorRoutes() {
        // stages.ControlPlane's routes behind the authorizer (metering's usage and cost included), plus the operations
        // API's /operators routes; there is no DELETE of a tenant user (users are disabled, not deleted).
        assertEquals(List.of("GET /tenants", "POST /tenants", "GET /tenants/{tenantId}", "PUT /tenants/{tenantId}",
                        "POST /tenants/{tenantId}/activate", "POST /tenants/{tenantId}/deactivate",
                        "POST /tenants/{tenantId}/offboard", "GET /tenants/{tenantId}/users",
                        "POST /tenants/{tenantId}/users", "GET /tenants/{tenantId}/users/{userName}",
                        "PUT /tenants/{tenantId}/users/{userName}", "POST /tenants/{tenantId}/users/{userName}/disable",
                        "POST /tenants/{tenantId}/users/{userName}/enable", "GET /tenants/{tenantId}/usage",
                        "GET /tenants/{tenantId}/cost", "GET /operators", "POST /operators", "GET /operators/{userName}",
                        "POST /operators/{userName}/disable", "POST /operators/{userName}/enable"),
                RouteTable.ROUTES.stream().filter(route -> route.api() == ApiKind.ADMIN)
                        .map(route -> route.method() + " " + route.path()).toList());
    }

    @Test
    void methodArnWithWildcardsOrOfAnotherServiceIsNotParsed() {
        for (String bad : List.of("arn:aws:execute-api:us-east-1:111111111111:*/prod/GET/x",
                "arn:aws:execute-api:us-east-1:111111111111:abc/*/GET/x",
                "arn:aws:execute-api:us-east-1:111111111111:abc/prod/GET/tenants/*",
                "arn:aws:lambda:us-east-1:111111111111:function:f", "", "arn:aws:execute-api:us-east-1:1:a/b/GET/")) {
            assertThrows(IllegalArgumentException.class, () -> MethodArn.parse(bad), bad);
        }
        assertEquals("tenants/acme/users", MethodArn.parse(ADMIN_ARN + "GET/tenants/acme/users").path());
    }

    @Test
    void policyWildcardMatchesAnyRunOfCharactersSlashesIncludedAsIamDoes() {
        assertTrue(Policy.globMatches("a/*/c", "a/b/x/c"));
        assertTrue(Policy.globMatches("GET/tenants/*", "GET/tenants/acme/users/u-1"));
        assertTrue(Policy.globMatches("x/*", "x/"));
        assertTrue(Policy.globMatches("a**b*", "ab"));
        assertFalse(Policy.globMatches("GET/tenants/acme", "GET/tenants/acme-2"));
        assertFalse(Policy.globMatches("GET/tenants/acme", "GET/tenants/acm"));
        assertFalse(Policy.globMatches("GET/products/*", "GET/products"));
        assertFalse(Policy.globMatches("a*b", "ab/c"));
    }
}
