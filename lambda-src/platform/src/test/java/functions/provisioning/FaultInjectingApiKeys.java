package functions.provisioning;

import functions.shared.FaultPlan;
import java.util.Objects;

/**
 * Real {@link ApiKeys} (on moto) whose calls first go through a {@link FaultPlan}, which records each by method name
 * and can fail it, crash the "process" or run something just before it: moto cannot fail or crash on cue, and a
 * saga's compensation is tested through exactly those cases. Everything else is the delegate's answer.
 */
public final class FaultInjectingApiKeys implements ApiKeys {

    private final ApiKeys delegate;
    private final FaultPlan faults;

    public FaultInjectingApiKeys(ApiKeys delegate, FaultPlan faults) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    @Override
    public IssuedApiKey createForTenant(String tenantId, String usagePlanId) {
        faults.call("createForTenant");
        return delegate.createForTenant(tenantId, usagePlanId);
    }

    @Override
    public boolean setEnabled(String tenantId, boolean enabled) {
        faults.call("setEnabled");
        return delegate.setEnabled(tenantId, enabled);
    }

    @Override
    public void delete(String tenantId) {
        faults.call("delete");
        delegate.delete(tenantId);
    }
}
