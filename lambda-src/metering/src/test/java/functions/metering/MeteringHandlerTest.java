package functions.metering;

import static functions.shared.HttpAssertions.assertError;
import static functions.shared.HttpAssertions.assertJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import functions.provisioning.AccountRegion;
import functions.provisioning.StackLocation;
import contract.Tier;
import functions.shared.Events;
import functions.shared.TestContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin routes GET /tenants/{tenantId}/usage and /cost: role rules, parameters, committed days only. */
class MeteringHandlerTest {

    private static final StackLocation SILO = new StackLocation("saas-silo-acme",
            new AccountRegion("222222222222", "us-west-2"));

    private final MeteringWorld world = new MeteringWorld(Clock.systemUTC());
    private final MeteringHandler handler = new MeteringHandler(
            new MeteringQueries(world.usageTable(), world.costTable()));

    MeteringHandlerTest() {
        for (String day : List.of("2026-11-29", "2026-11-30", "2026-12-01")) {
            world.usageTable().put(new UsageRecord("acme", LocalDate.parse(day), Tier.PLATINUM, SILO,
                    day.endsWith("01") ? 70 : 40, Map.of("a1b2c3d4e5/prod", day.endsWith("01") ? 70L : 40L), "plan",
                    "2026-12-02T01:00:00Z", Map.of("ProductTable", 12L, "OrderTable", day.endsWith("01") ? 3L : 1L)));
        }
        world.usageTable().put(new UsageRecord("globex", LocalDate.parse("2026-11-30"), Tier.PLATINUM, SILO, 9,
                Map.of(), "plan", "2026-12-01T01:00:00Z"));
        for (String day : List.of("2026-11-29", "2026-11-30", "2026-12-01")) {
            world.usageTable().markComplete(LocalDate.parse(day), List.of("acme", "globex"), "2026-12-02T01:00:00Z");
        }
        // 2026-12-02: acme written by a run that failed on another stack, so the day has no marker.
        world.usageTable().put(new UsageRecord("acme", LocalDate.parse("2026-12-02"), Tier.PLATINUM, SILO, 99,
                Map.of(), "plan", "2026-12-03T01:00:00Z"));
        // 2026-11-30 committed; 2026-12-01 only staged by a run that never committed.
        commit(LocalDate.parse("2026-11-30"), "run-1", "4.20", true);
        commit(LocalDate.parse("2026-12-01"), "run-2", "5.10", false);
    }

    private void commit(LocalDate day, String runId, String amount, boolean committed) {
        var record = new CostRecord("acme", day, new Money(new BigDecimal(amount), "USD"), CostRecord.TAGGED,
                Map.of("tag", "TenantId=acme"));
        var staged = world.costTable().stage(day, runId, List.of(record));
        if (committed) {
            world.costTable().commit(day, staged, 1, Map.of("silo", amount), "2026-12-03T06:00:00Z");
            world.costTable().tidy(day, staged);
        }
    }

    private APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, new TestContext());
    }

    private static APIGatewayProxyRequestEvent as(String file, String role, String tenant, String path) {
        APIGatewayProxyRequestEvent event = Events.load(file, "tenantId", path);
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("principalId", "7d1e4a52-0c0f-4a3c-8c51-2f9b8b7f3c11");
        authorizer.put("userRole", role);
        if (tenant != null) {
            authorizer.put("tenantId", tenant);
        }
        event.getRequestContext().setAuthorizer(authorizer);
        return event;
    }

    private static APIGatewayProxyRequestEvent withDates(APIGatewayProxyRequestEvent event, String from, String to) {
        Map<String, String> query = new HashMap<>();
        if (from != null) {
            query.put("from", from);
        }
        if (to != null) {
            query.put("to", to);
        }
        event.setQueryStringParameters(query);
        return event;
    }

    @Test
    void aTenantAdminReadsItsOwnUsageOfTheDaysInTheRangeBothIncluded() {
        JsonNode body = assertJson(call(Events.load("metering-usage-tenant-admin.json")), 200);

        assertEquals("acme", body.get("tenantId").asText());
        assertEquals(2, body.get("days").size());
        assertEquals("2026-11-30", body.get("days").get(0).get("day").asText());
        assertEquals(40, body.get("days").get(0).get("requests").asLong());
        assertEquals(70, body.get("days").get(1).get("requestsByApi").get("a1b2c3d4e5/prod").asLong());
        assertEquals(15, body.get("days").get(1).get("itemsStored").asLong());
        assertEquals(3, body.get("days").get(1).get("itemsStoredByTable").get("OrderTable").asLong());
    }

    @Test
    void usageShowsOnlyDaysTheCollectorMarkedComplete() {
        JsonNode body = assertJson(call(withDates(Events.load("metering-usage-tenant-admin.json"),
                "2026-11-30", "2026-12-02")), 200);

        assertEquals(2, body.get("days").size(), "2026-12-02 is not complete: " + body);
        assertEquals("2026-12-01", body.get("days").get(1).get("day").asText());
    }

    @Test
    void costShowsOnlyCommittedDaysWithAmountAsADecimalString() {
        JsonNode body = assertJson(call(Events.load("metering-cost-system-admin.json")), 200);

        assertEquals(1, body.get("days").size(), "2026-12-01 was staged but never committed: " + body);
        JsonNode day = body.get("days").get(0);
        assertEquals("2026-11-30", day.get("day").asText());
        assertTrue(day.get("amount").isTextual());
        assertEquals("4.20", day.get("amount").asText());
        assertEquals("USD", day.get("currency").asText());
        assertEquals("tagged", day.get("method").asText());
        assertEquals("TenantId=acme", day.get("basis").get("tag").asText());
    }

    @Test
    void systemAdminReadsAnyTenantAndTenantAdminOnlyItsOwnEveryOtherRoleIs403() {
        assertEquals(9, assertJson(call(as("metering-usage-tenant-admin.json", "SystemAdmin", null, "globex")), 200)
                .get("days").get(0).get("requests").asLong());
        assertError(call(as("metering-usage-tenant-admin.json", "TenantAdmin", "acme", "globex")), 403, "Forbidden");
        assertError(call(as("metering-cost-system-admin.json", "TenantAdmin", "acme", "globex")), 403, "Forbidden");
        assertEquals(200, call(as("metering-cost-system-admin.json", "TenantAdmin", "acme", "acme")).getStatusCode());
        for (String file : List.of("metering-usage-tenant-admin.json", "metering-cost-system-admin.json")) {
            assertError(call(as(file, "CustomerSupport", null, "acme")), 403, "Forbidden");
            assertError(call(as(file, "TenantUser", "acme", "acme")), 403, "Forbidden");
        }
        // The role is checked before the parameters: another tenant's admin learns nothing from a 400.
        assertError(call(withDates(as("metering-usage-tenant-admin.json", "TenantAdmin", "acme", "globex"), "x", null)),
                403, "Forbidden");
    }

    @Test
    void badDatesAreA400NamingTheParameter() {
        Map<String[], String> cases = new java.util.LinkedHashMap<>();
        cases.put(new String[] {null, "2026-12-01"}, "from: ");
        cases.put(new String[] {"2026-11-30", null}, "to: ");
        cases.put(new String[] {"2026-11-31", "2026-12-01"}, "from: ");
        cases.put(new String[] {"2026-11-30", "01/12/2026"}, "to: ");
        cases.put(new String[] {"2026-12-02", "2026-12-01"}, "to: ");
        cases.put(new String[] {"2025-12-01", "2026-12-02"}, "to: ");
        for (var c : cases.entrySet()) {
            for (String file : List.of("metering-usage-tenant-admin.json", "metering-cost-system-admin.json")) {
                String message = assertError(call(withDates(Events.load(file), c.getKey()[0], c.getKey()[1])), 400,
                        "ValidationError").get("message").asText();
                assertTrue(message.startsWith(c.getValue()),
                        file + " " + java.util.Arrays.toString(c.getKey()) + ": " + message);
            }
        }
        // 366 days, both ends included, is the longest range.
        assertEquals(200, call(withDates(Events.load("metering-usage-tenant-admin.json"), "2025-12-01", "2026-12-01"))
                .getStatusCode());
    }

    @Test
    void anotherMethodOnTheRouteIs405() {
        APIGatewayProxyRequestEvent post = Events.load("metering-usage-tenant-admin.json");
        post.setHttpMethod("POST");
        assertEquals(405, call(post).getStatusCode());
    }
}
