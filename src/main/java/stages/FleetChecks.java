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

    private FleetChecks() {
    }

    public static void applyTo(IConstruct scope) {
        var props = NagPackProps.builder().verbose(true).build();
        Aspects.of(scope).add(new AwsSolutionsChecks(props));
        Aspects.of(scope).add(new ServerlessChecks(props));
    }
}
