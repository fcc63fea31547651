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

    private static APIGatewayProxyRequestEvent withClaim(String tenantId) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "7d1e4a52-0c0f-4a3c-8c51-2f9b8b7f3c11");
        claims.put("custom:tenantId", tenantId);
        return withAuthorizer(Map.of("claims", claims));
    }

    @Test
    void cognitoClaimNamesTheTenant() {
        assertEquals(new TenantId("acme"), TenantContext.from(withClaim("acme")));
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
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(withClaim(" ")));
    }

    @Test
    void malformedTenantIdIsUnauthorized() {
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(withClaim("ACME")));
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(withClaim("acme-0\"")));
    }

    @Test
    void twoDifferentTenantIdsOnOneRequestAreUnauthorized() {
        var event = withAuthorizer(Map.of("tenantId", "acme", "claims", Map.of("custom:tenantId", "globex")));
        assertThrows(UnauthorizedException.class, () -> TenantContext.from(event));
    }

    @Test
    void siloFunctionRejectsOtherTenantsWithForbidden() {
        Optional<TenantId> silo = Optional.of(new TenantId("globex"));
        assertThrows(ForbiddenException.class, () -> TenantContext.authorize(withClaim("acme"), silo));
        assertEquals(new TenantId("globex"), TenantContext.authorize(withClaim("globex"), silo));
    }
}
