package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantContextTest {

    private static APIGatewayProxyRequestEvent withAuthorizer(Map<String, Object> authorizer) {
        var context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent().withRequestContext(context);
    }

    /** What the fleet's Lambda authorizer's context looks like on the request (API Gateway adds principalId). */
    private static APIGatewayProxyRequestEvent withTenant(String tenantId) {
        Map<String, Object> context = new HashMap<>();
        context.put("principalId", "7d1e4a52-0c0f-4a3c-8c51-2f9b8b7f3c11");
        context.put("tenantId", tenantId);
        return withAuthorizer(context);
    }

    @Test
    void cognitoAuthorizerClaimsNameNoTenant() {
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(
                withAuthorizer(Map.of("claims", Map.of("custom:tenantId", "acme")))));
    }

    @Test
    void lambdaAuthorizerContextKeyNamesTheTenant() {
        assertEquals(new TenantId("acme"),
                TenantContext.from(withAuthorizer(Map.of("principalId", "user", "tenantId", "acme"))));
    }

    @Test
    void missingTenantIsUnauthorized() {
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(new APIGatewayProxyRequestEvent()));
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(withAuthorizer(null)));
        assertThrows(UnauthorizedException.class,
                () -> TenantContext.from(withAuthorizer(Map.of("claims", Map.of("sub", "x")))));
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(withTenant(" ")));
    }

    @Test
    void malformedTenantIdIsUnauthorized() {
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(withTenant("ACME")));
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(withTenant("acme-0\"")));
    }

    @Test
    void onlyTheLambdaAuthorizersKeyCountsBesideClaims() {
        var event = withAuthorizer(Map.of("tenantId", "acme", "claims", Map.of("custom:tenantId", "globex")));
        assertEquals(new TenantId("acme"), TenantContext.from(event));
    }

    @Test
    void siloFunctionRejectsOtherTenantsWithForbidden() {
        Optional<TenantId> silo = Optional.of(new TenantId("globex"));
        assertThrows(ForbiddenException.class, () -> TenantContext.authorize(withTenant("acme"), silo));
        assertEquals(new TenantId("globex"), TenantContext.authorize(withTenant("globex"), silo));
    }
}
