package constructs;

import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.ILayerVersion;

/**
 * What a function of one family deploys ({@link FunctionCode#of}): the family's jar and the runtime layer that jar
 * runs on. One value, so no function can get its jar without its layer.
 *
 * @param jar   the family's jar asset (required)
 * @param layer the family's runtime layer in the function's stack (required)
 */
public record FamilyCode(Code jar, ILayerVersion layer) {
    public FamilyCode {
        Objects.requireNonNull(jar, "FamilyCode: jar is required");
        Objects.requireNonNull(layer, "FamilyCode: layer is required");
    }
}
