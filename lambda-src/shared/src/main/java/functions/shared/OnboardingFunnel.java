package functions.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The onboarding funnel's metrics, emitted where each step happens, dimensioned {@code {Service, Tier}} with
 * {@code Tier} the registering tenant's tier (BASIC … PLATINUM; the control plane's own tier would put every
 * registration in one series), and {@code RegistrationFailed} also by {@code Step}, the saga step that failed.
 */
public final class OnboardingFunnel {

    private OnboardingFunnel() {
    }

    /** A registration recorded and its code mailed (public sign-up), or started by an operator. */
    public static void started(String tier) {
        Telemetry.count(Telemetry.REGISTRATION_STARTED, 1, Map.of(Telemetry.TIER, tier));
    }

    /** The admin email proven by its code. */
    public static void verified(String tier) {
        Telemetry.count(Telemetry.REGISTRATION_VERIFIED, 1, Map.of(Telemetry.TIER, tier));
    }

    /** The tenant ACTIVE: {@code ProvisioningTime} from the registration's start ({@code startedAt}, ISO-8601). */
    public static void completed(String tier, String startedAt, Instant now) {
        Telemetry.count(Telemetry.REGISTRATION_COMPLETED, 1, Map.of(Telemetry.TIER, tier));
        millisSince(startedAt, now).ifPresent(ms ->
                Telemetry.milliseconds(Telemetry.PROVISIONING_TIME, ms, Map.of(Telemetry.TIER, tier)));
    }

    /** The saga failed at {@code step} (and was undone). */
    public static void failed(String tier, String step) {
        Telemetry.count(Telemetry.REGISTRATION_FAILED, 1, Map.of(Telemetry.TIER, tier, Telemetry.STEP, step));
    }

    /** A silo tenant ACTIVE: {@code SiloTimeToActive} from the tenant's creation ({@code createdAt}, ISO-8601). */
    public static void siloActive(String tier, String createdAt, Instant now) {
        millisSince(createdAt, now).ifPresent(ms ->
                Telemetry.milliseconds(Telemetry.SILO_TIME_TO_ACTIVE, ms, Map.of(Telemetry.TIER, tier)));
    }

    private static java.util.OptionalLong millisSince(String iso, Instant now) {
        try {
            return java.util.OptionalLong.of(Math.max(0, Duration.between(Instant.parse(iso), now).toMillis()));
        } catch (DateTimeParseException | NullPointerException e) {
            return java.util.OptionalLong.empty();
        }
    }
}
