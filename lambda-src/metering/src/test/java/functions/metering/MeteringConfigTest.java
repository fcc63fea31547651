package functions.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A misconfigured metering function fails its cold start naming the variable; the day a run works on. */
class MeteringConfigTest {

    private static final Map<String, String> FULL = Map.of("AWS_REGION", "us-east-1",
            "TENANT_DETAILS_TABLE", "TenantDetails", "TENANT_USAGE_TABLE", "TenantUsage",
            "TENANT_COST_TABLE", "TenantCost", "REGISTRATIONS_TABLE", "Registrations",
            "POOLED_TIER_STACKS", "BASIC=222222222222/us-east-1");

    private static void requires(Function<Map<String, String>, ?> build, String... variables) {
        build.apply(FULL);
        for (String variable : variables) {
            Map<String, String> env = new HashMap<>(FULL);
            env.remove(variable);
            var e = assertThrows(IllegalStateException.class, () -> build.apply(env));
            assertTrue(e.getMessage().contains(variable), variable + ": " + e.getMessage());
        }
    }

    @Test
    void eachFunctionNamesTheVariableItMisses() {
        requires(UsageCollectorHandler::fromEnvironment, "AWS_REGION", "TENANT_DETAILS_TABLE", "TENANT_USAGE_TABLE");
        requires(CostAllocatorHandler::fromEnvironment, "AWS_REGION", "TENANT_DETAILS_TABLE", "TENANT_USAGE_TABLE",
                "TENANT_COST_TABLE");
        requires(MeteringHandler::fromEnvironment, "AWS_REGION", "TENANT_USAGE_TABLE", "TENANT_COST_TABLE");
        requires(OnboardingWatchHandler::fromEnvironment, "AWS_REGION", "REGISTRATIONS_TABLE");
        Map<String, String> badPools = new HashMap<>(FULL);
        badPools.put("POOLED_TIER_STACKS", "PLATINUM=222222222222/us-east-1");
        assertTrue(assertThrows(IllegalStateException.class, () -> CostAllocatorHandler.fromEnvironment(badPools))
                .getMessage().contains("POOLED_TIER_STACKS"));
    }

    @Test
    void scheduledRunsWorkOnDaysBeforeTodayUtcAndAHandInvocationNamesItsDay() {
        Clock justAfterMidnight = Clock.fixed(Instant.parse("2026-12-03T00:30:00Z"), ZoneOffset.UTC);
        Map<String, Object> scheduled = Map.of("source", "aws.events", "time", "2026-12-03T00:30:00Z");
        assertEquals(LocalDate.parse("2026-12-02"), ScheduledDay.of(scheduled, justAfterMidnight, 1));
        assertEquals(LocalDate.parse("2026-12-01"), ScheduledDay.of(scheduled, justAfterMidnight, 2));
        assertEquals(LocalDate.parse("2026-11-15"), ScheduledDay.of(Map.of("day", "2026-11-15"), justAfterMidnight, 1));
        assertThrows(IllegalArgumentException.class, () -> ScheduledDay.of(Map.of("day", "15/11"), justAfterMidnight, 1));
    }
}
