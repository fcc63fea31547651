package functions.shared;

import org.junit.jupiter.api.Order;

/** {@link NoSecretsInLogsTest} over what the bootstrap module's handler tests printed: it runs last in this module's JVM. */
@Order(Integer.MAX_VALUE)
class NoSecretsInModuleLogsTest extends NoSecretsInLogsTest {
}
