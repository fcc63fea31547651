package functions.metering;

/**
 * The counts the metering functions emit ({@code TenantsMetered}, {@code CostRecordsWritten},
 * {@code RegistrationsStuck}); behind an interface so the logging/metrics library can change in one place.
 */
public interface MeteringMetrics {

    /** The functions' own: EMF documents through {@link functions.shared.Telemetry} (the function's dimension set). */
    MeteringMetrics TELEMETRY = (metric, value) -> functions.shared.Telemetry.count(metric, value);

    String TENANTS_METERED = functions.shared.Telemetry.TENANTS_METERED;
    String COST_RECORDS_WRITTEN = functions.shared.Telemetry.COST_RECORDS_WRITTEN;
    String REGISTRATIONS_STUCK = functions.shared.Telemetry.REGISTRATIONS_STUCK;

    /** One data point of {@code metric} (unit Count); never throws. */
    void count(String metric, long value);
}
