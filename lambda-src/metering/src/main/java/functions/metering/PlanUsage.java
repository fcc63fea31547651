package functions.metering;

import functions.provisioning.StackLocation;
import java.time.LocalDate;
import java.util.Map;

/** A stack's usage plan, read through the stack's control-plane role. */
interface PlanUsage {

    /** Requests counted per API key id on {@code day} (UTC): API Gateway GetUsage of that one day. */
    Map<String, Long> requestsByKey(StackLocation stack, String usagePlanId, LocalDate day);

    /** The plan's API stages as {@code <apiId>/<stage>} joined by {@code ,}: the "API" a tenant's requests went to. */
    String apiOf(StackLocation stack, String usagePlanId);
}
