package functions.metering;

/**
 * The counts the metering functions emit ({@code TenantsMetered}, {@code CostRecordsWritten},
 * {@code RegistrationsStuck}); behind an interface so the logging/metrics library can change in one place.
 */
public interface MeteringMetrics {

    String TENANTS_METERED = "TenantsMetered";
    String COST_RECORDS_WRITTEN = "CostRecordsWritten";
    String REGISTRATIONS_STUCK = "RegistrationsStuck";

    /** One data point of {@code metric} (unit Count); never throws. */
    void count(String metric, long value);
}
