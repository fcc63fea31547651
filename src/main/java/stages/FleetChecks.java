package stages;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import software.amazon.awscdk.Aspects;
import software.constructs.IConstruct;

/**
 * The compliance rule packs every fleet stack is checked against. Aspects do not cross Stage boundaries, so
 * this is applied to the App and again to every Stage that holds fleet stacks.
 */
public final class FleetChecks {

    /** Which stacks of a fleet app carry the rule packs. */
    enum Coverage {
        /** The pipeline stacks and every stack in every stage: what the app always synthesizes. */
        EVERY_STACK,
        /**
         * The pipeline stacks and CodePipeline's support stacks only, not the stacks in the stages. For tests of a
         * large fleet, whose stage stacks repeat the shapes that FleetComplianceTest checks one by one on the
         * shipped fleet; package-private, so the app itself cannot leave a stack unchecked.
         */
        PIPELINE_STACKS
    }

    private FleetChecks() {
    }

    public static void applyTo(IConstruct scope) {
        var props = NagPackProps.builder().verbose(true).build();
        Aspects.of(scope).add(new AwsSolutionsChecks(props));
        Aspects.of(scope).add(new ServerlessChecks(props));
    }
}
