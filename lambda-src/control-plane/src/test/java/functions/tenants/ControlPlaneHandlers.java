package functions.tenants;

import functions.registration.OperatorRegistrations;
import java.util.Map;

/** For tests outside this package: the handler built from an environment, as its Lambda entry point builds it. */
public final class ControlPlaneHandlers {

    private ControlPlaneHandlers() {
    }

    public static TenantAdminHandler tenantAdmin(Map<String, String> env) {
        var plane = ControlPlane.fromEnvironment(env);
        return TenantAdminHandler.create(plane, InternalCallers.fromEnvironment(env), OperatorRegistrations.of(plane));
    }

    public static TenantAccessHandler tenantAccess(Map<String, String> env) {
        return new TenantAccessHandler(ControlPlane.fromEnvironment(env).accessWorker());
    }
}
