package functions.metering;

import java.time.LocalDate;
import java.util.List;

/**
 * Where a day's usage records go. The one sink wired today is the TenantUsage table ({@link TenantUsageTable}),
 * which a billing system reads; a billing provider (metered billing API) would be another implementation, called
 * with the same records. Delivering a day again replaces that day: a sink must be idempotent per tenant and day.
 */
public interface BillingSink {

    void deliver(LocalDate day, List<UsageRecord> records);
}
