package constructs;

import contract.Family;
import contract.Handler;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The code of the product's functions, one jar asset per {@link Family}, for the functions of one stack: each
 * function deploys only its own family's jar ({@link #of(Handler)}), built by lambda-src's module of that family.
 */
public final class FunctionCode {

    private final Path functionsDir;
    private final Map<Family, Code> codes = new EnumMap<>(Family.class);

    /** @param functionsDir the lambda-src directory, whose modules hold the family jars (required) */
    public FunctionCode(String functionsDir) {
        this.functionsDir = Path.of(Objects.requireNonNull(functionsDir, "FunctionCode: functionsDir is required"));
    }

    /** The jar of {@code handler}'s family, as an asset of this stack. */
    public Code of(Handler handler) {
        return codes.computeIfAbsent(handler.family(), family -> Code.fromAsset(jar(functionsDir, family).toString()));
    }

    /** {@code handler}'s family jar (handler: {@code class::method}, one of {@link Handler}). */
    public Code of(String handler) {
        for (Handler known : Handler.values()) {
            if (known.handler().equals(handler)) {
                return of(known);
            }
        }
        throw new IllegalArgumentException("No function family has handler " + handler + " (contract.Handler)");
    }

    /** Where {@code family}'s jar is under {@code functionsDir}. */
    public static Path jar(Path functionsDir, Family family) {
        return functionsDir.resolve(family.jar());
    }
}
