package constructs;

import contract.Family;
import contract.Handler;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.constructs.Construct;

/**
 * The code of the product's functions in one stack: one jar asset per {@link Family} and one layer per
 * {@link Family.Layer}, both built by lambda-src. Each function deploys only its own family's jar, on that family's
 * runtime layer ({@link #of(Handler)}); the layer is one {@code AWS::Lambda::LayerVersion} per stack, shared by the
 * stack's functions, so the SDK core, Jackson, Powertools and X-Ray are stored once per stack and layer version,
 * not once per function version (Lambda's code storage quota counts both,
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
 */
public final class FunctionCode {

    private final Construct scope;
    private final Path functionsDir;
    private final Map<Family, Code> jars = new EnumMap<>(Family.class);

    /**
     * @param scope        a construct of the stack whose functions this code serves (required)
     * @param functionsDir the lambda-src directory, whose modules hold the family jars and layers (required)
     */
    public FunctionCode(Construct scope, String functionsDir) {
        this.scope = Objects.requireNonNull(scope, "FunctionCode: scope is required");
        this.functionsDir = Path.of(Objects.requireNonNull(functionsDir, "FunctionCode: functionsDir is required"));
    }

    /** The jar of {@code handler}'s family, as an asset of this stack, and its runtime layer. */
    public FamilyCode of(Handler handler) {
        Family family = handler.family();
        Code jar = jars.computeIfAbsent(family, f -> Code.fromAsset(jar(functionsDir, f).toString()));
        return new FamilyCode(jar, layer(family.layer()));
    }

    /** {@code handler}'s family code (handler: {@code class::method}, one of {@link Handler}). */
    public FamilyCode of(String handler) {
        for (Handler known : Handler.values()) {
            if (known.handler().equals(handler)) {
                return of(known);
            }
        }
        throw new IllegalArgumentException("No function family has handler " + handler + " (contract.Handler)");
    }

    /**
     * The stack's one layer version of {@code layer} (construct id {@code RuntimeLayer-<module>} at the stack's
     * root), made by the first function that needs it. A new layer version makes a new version of every function
     * on it, rolled by its canary within the stack update (a failed one rolls back while the old versions exist);
     * CloudFormation deletes the replaced layer version in its cleanup (the default removal policy), along with
     * the old function versions (docs/ARCHITECTURE.md "Function packages").
     */
    private ILayerVersion layer(Family.Layer layer) {
        Stack stack = Stack.of(scope);
        String id = "RuntimeLayer-" + layer.module();
        if (stack.getNode().tryFindChild(id) instanceof ILayerVersion existing) {
            return existing;
        }
        return LayerVersion.Builder.create(stack, id)
                .code(Code.fromAsset(layer(functionsDir, layer).toString()))
                .compatibleRuntimes(List.of(ServiceFunction.RUNTIME))
                .compatibleArchitectures(List.of(Architecture.ARM_64))
                .description("The runtime of the product's Java functions (" + layer.module()
                        + "): AWS SDK core, Jackson, Powertools, X-Ray")
                .build();
    }

    /** Where {@code family}'s jar is under {@code functionsDir}. */
    public static Path jar(Path functionsDir, Family family) {
        return functionsDir.resolve(family.jar());
    }

    /** Where {@code layer}'s zip is under {@code functionsDir}. */
    public static Path layer(Path functionsDir, Family.Layer layer) {
        return functionsDir.resolve(layer.zip());
    }
}
