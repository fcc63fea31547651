/**
 * Metering and cost per tenant, and the onboarding watch: the daily usage record of every tenant from its stack's
 * usage plan ({@link functions.metering.UsageCollector}, into TenantUsage and behind
 * {@link functions.metering.BillingSink}), the daily cost of every tenant from Cost Explorer
 * ({@link functions.metering.CostAllocator} behind {@link functions.metering.CostSource}: silo tenants by their
 * {@code TenantId} tag, pooled tier environments apportioned by metered requests, committed per day by a marker
 * item), the admin routes that read both ({@link functions.metering.MeteringHandler}), and the watch for
 * registrations stuck in PROVISIONING ({@link functions.metering.OnboardingWatch}). Logs, metrics and traces through
 * {@code functions.shared.Telemetry} (metrics behind {@link functions.metering.MeteringMetrics}). Depends on
 * {@code functions.shared},
 * {@code functions.provisioning} (stack locations and the control-plane role of each stack) and the AWS SDK.
 */
package functions.metering;
