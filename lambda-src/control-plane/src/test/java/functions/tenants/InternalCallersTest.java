package functions.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InternalCallersTest {

    private static final String ROLE = "arn:aws:iam::111111111111:role/saas-fleet-activate-silos";

    @Test
    void aSessionOfAListedRoleIsInternalAndNothingElseIs() {
        var callers = InternalCallers.fromEnvironment(Map.of(InternalCallers.VARIABLE,
                ROLE + ", arn:aws:iam::111111111111:role/saas-fleet-2-activate-silos"));

        assertTrue(callers.allows("arn:aws:sts::111111111111:assumed-role/saas-fleet-activate-silos/AWSCodeBuild-1"));
        assertTrue(callers.allows("arn:aws:sts::111111111111:assumed-role/saas-fleet-2-activate-silos/s"));
        assertFalse(callers.allows("arn:aws:sts::222222222222:assumed-role/saas-fleet-activate-silos/s"), "account");
        assertFalse(callers.allows("arn:aws-cn:sts::111111111111:assumed-role/saas-fleet-activate-silos/s"));
        assertFalse(callers.allows("arn:aws:sts::111111111111:assumed-role/saas-fleet-activate-silos-x/s"));
        assertFalse(callers.allows("arn:aws:iam::111111111111:role/saas-fleet-activate-silos"), "not a session");
        assertFalse(callers.allows("arn:aws:iam::111111111111:user/saas-fleet-activate-silos"));
        assertFalse(callers.allows(null));
    }

    @Test
    void unsetMeansNoInternalCallerAndABadEntryIsNamed() {
        assertEquals(Set.of(), InternalCallers.fromEnvironment(Map.of()).roleArns());
        assertFalse(InternalCallers.none().allows("arn:aws:sts::111111111111:assumed-role/saas-fleet-activate-silos/s"));

        var e = assertThrows(IllegalStateException.class, () -> InternalCallers.fromEnvironment(Map.of(
                InternalCallers.VARIABLE, ROLE + ",arn:aws:iam::111111111111:user/bob")));
        assertTrue(e.getMessage().startsWith("INTERNAL_CALLER_ROLES: 'arn:aws:iam::111111111111:user/bob'"),
                e.getMessage());
    }
}
