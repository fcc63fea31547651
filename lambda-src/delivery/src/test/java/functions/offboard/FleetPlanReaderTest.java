package functions.offboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan as the synth writes it is read whole; anything the reader cannot trust is refused by name. */
class FleetPlanReaderTest {

    @Test
    void samplePlanListsEveryStackOfEveryPipeline() {
        FleetPlan plan = Plans.sample();

        assertEquals(List.of("saas-fleet-01", "saas-fleet-02"), plan.pipelineNames());
        assertEquals(9, plan.stacks().size());
        assertEquals(9, plan.expectedStackCount());
        assertEquals(List.of(new Env("111111111111", "us-east-1"), new Env("222222222222", "us-east-1"),
                        new Env("333333333333", "eu-west-1"), new Env("333333333333", "us-west-2"),
                        new Env("444444444444", "eu-west-1")),
                List.copyOf(plan.environments()));
        ExpectedStack acme = plan.stacks().get(1);
        assertEquals(new ExpectedStack("saas-fleet-01", "SILO_TENANT", "saas-silo-acme", "acme",
                new Env("333333333333", "eu-west-1")), acme);
    }

    @Test
    void aStackIsExpectedOnlyInItsOwnEnvironment() {
        FleetPlan plan = Plans.sample();

        assertTrue(plan.expects(new Env("444444444444", "eu-west-1"), "saas-silo-initech"));
        assertFalse(plan.expects(new Env("333333333333", "eu-west-1"), "saas-silo-initech"));
        assertFalse(plan.expects(new Env("444444444444", "us-east-1"), "saas-silo-initech"));
    }

    @Test
    void aPlanWithoutSiloTenantsIsLegal() {
        FleetPlan plan = FleetPlanReader.read(Plans.bytes(Plans.NO_SILO));

        assertEquals(4, plan.stacks().size());
        assertTrue(plan.stacks().stream().noneMatch(s -> s.tenantId() != null));
    }

    @Test
    void fieldsTheOffboarderDoesNotUseMayBeAddedToThePlan() {
        byte[] json = Plans.edited(root -> Plans.stack(root, 0, 0, 0).put("deployedBy", "cdk"));

        assertEquals(9, FleetPlanReader.read(json).stacks().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions.offboard.Plans#malformed")
    void malformedPlanIsRefusedNamingTheCulprit(String rule, byte[] json, String expected) {
        PlanException e = assertThrows(PlanException.class, () -> FleetPlanReader.read(json));

        assertTrue(e.getMessage().startsWith("fleet plan rejected, nothing deleted: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
