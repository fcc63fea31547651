package functions.metering;

import java.time.LocalDate;
import java.util.List;

/**
 * Where a day's usage records go. The one sink wired today is the TenantUsage table ({@link TenantUsageTable}),
 * which a billing system reads; a billing provider (metered billing API) would be another implementation, called
 * with the same records, and only once the day is complete in TenantUsage.
 * <p>Delivery is at-least-once: a rerun of a day (a retry after a failed sink, or an operator's rerun) delivers the
 * whole day again, so a sink must be idempotent per (tenant, day): a second delivery replaces the first, never adds.
 */
public interface BillingSink {

    void deliver(LocalDate day, List<UsageRecord> records);
}
