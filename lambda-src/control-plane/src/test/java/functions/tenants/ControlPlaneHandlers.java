package functions.tenants;

import java.util.Map;

/** For tests outside this package: the handler built from an environment, as its Lambda constructor builds it. */
public final class ControlPlaneHandlers {

    private ControlPlaneHandlers() {
    }

    public static TenantAdminHandler tenantAdmin(Map<String, String> env) {
        return new TenantAdminHandler(ControlPlane.fromEnvironment(env), InternalCallers.fromEnvironment(env));
    }

    public static TenantAccessHandler tenantAccess(Map<String, String> env) {
        return new TenantAccessHandler(ControlPlane.fromEnvironment(env).accessWorker());
    }
}
