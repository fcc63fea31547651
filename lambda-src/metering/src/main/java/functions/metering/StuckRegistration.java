package functions.metering;

import java.time.Duration;

/**
 * A registration in PROVISIONING longer than the bound: its tenant, the step it waits in ({@value #SAGA}: the
 * registration saga has not finished, so it is running or died; {@value #SILO_STACK}: the saga finished and the
 * silo tenant waits for its stack from the pipeline) and how long since the item last changed. Carries no contact
 * data: the watch never reads the admin's email.
 */
record StuckRegistration(String tenantId, String tier, String step, Duration age) {

    static final String SAGA = "saga";
    static final String SILO_STACK = "silo-stack";
}
