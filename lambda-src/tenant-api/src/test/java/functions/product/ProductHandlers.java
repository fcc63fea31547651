package functions.product;

import java.util.Map;

/** For tests outside this package: the handler built from an environment, as its Lambda constructor builds it. */
public final class ProductHandlers {

    private ProductHandlers() {
    }

    public static ProductHandler fromEnvironment(Map<String, String> env) {
        return new ProductHandler(env);
    }
}
