package functions.registration;

import functions.tenants.ControlPlane;
import java.util.Map;

/** For tests outside this package: the handler built from an environment, as its Lambda constructor builds it. */
public final class RegistrationHandlers {

    private RegistrationHandlers() {
    }

    public static RegistrationHandler fromEnvironment(Map<String, String> env) {
        return new RegistrationHandler(RegistrationService.create(ControlPlane.fromEnvironment(env)));
    }
}
