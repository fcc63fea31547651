package architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What each {@code package-info.java} of the functions promises, as rules on the compiled classes of every module
 * (tests excluded), and no cycle between the function packages. Maven module dependencies already keep a module
 * from importing one it does not depend on; these rules hold the promises inside modules. ArchUnit imports the
 * classes once per test JVM (its class cache) and resolves nothing beyond them ({@code archunit.properties}).
 */
@AnalyzeClasses(locations = PackageRulesTest.MainClasses.class)
class PackageRulesTest {

    /**
     * The main classes of each module (one class per module names its location: a classes directory in the
     * reactor): importing by package name would scan every jar on the test classpath.
     */
    static final class MainClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Stream.of(contract.Family.class, functions.shared.Json.class, functions.users.UserDirectory.class,
                            functions.authorizer.AuthorizerHandler.class, functions.tenants.ControlPlane.class,
                            functions.pipeline.PipelineTriggerHandler.class, functions.metering.MeteringHandler.class,
                            functions.bootstrap.CustomResourceProvider.class)
                    .map(c -> Location.of(c.getProtectionDomain().getCodeSource().getLocation()))
                    .collect(Collectors.toSet());
        }
    }

    private static final String LAMBDA = "com.amazonaws.services.lambda..";
    private static final String SDK = "software.amazon.awssdk..";

    @ArchTest
    static final ArchRule sharedDependsOnNoFunctionPackage = classes()
            .that().resideInAPackage("functions.shared")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "functions.shared..",
                    "contract..", SDK, "com.amazonaws.xray..", "software.amazon.lambda.powertools..", "org.slf4j..",
                    "software.amazon.cloudwatchlogs.emf..", LAMBDA, "com.fasterxml.jackson..")
            .because("shared/package-info.java: it may depend on the AWS SDK, the X-Ray SDK, Powertools (and the "
                    + "SLF4J and EMF APIs it is used through), the Lambda core/events libraries, Jackson and "
                    + "contract.UserRole, never on any other function package");

    @ArchTest
    static final ArchRule usersDependOnTheSdkOnly = classes()
            .that().resideInAPackage("functions.users")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "functions.users", "contract..", SDK)
            .because("users/package-info.java: depends on the AWS SDK (and contract.UserRole) only; never on the "
                    + "API functions' packages");

    @ArchTest
    static final ArchRule provisioningDependsOnSharedAndUsersOnly = functionPackage("provisioning",
            "provisioning/package-info.java: depends on functions.shared, the functions.users contract and the AWS "
                    + "SDK", "shared", "users");

    @ArchTest
    static final ArchRule registrationDependsOnTenantsProvisioningSharedAndUsersOnly = functionPackage(
            "registration", "registration/package-info.java: depends on functions.tenants, functions.provisioning, "
                    + "functions.shared, the functions.users contract and the Cognito SDK",
            "tenants", "provisioning", "shared", "users");

    @ArchTest
    static final ArchRule tenantsNeverDependOnRegistration = functionPackage("tenants",
            "tenants/package-info.java: depends on functions.shared, functions.provisioning and the functions.users "
                    + "contract; never on functions.registration, which depends on this package",
            "provisioning", "shared", "users");

    @ArchTest
    static final ArchRule operatorsUseSharedUsersAndOnlyThePageOfTenants = classes()
            .that().resideInAPackage("functions.operators")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("functions..")
                    .or(resideInAnyPackage("functions.operators", "functions.shared", "functions.users"))
                    .or(type(functions.tenants.Page.class)))
            .because("operators/package-info.java: depends on functions.shared, functions.users and the Page value "
                    + "of functions.tenants");

    @ArchTest
    static final ArchRule operatorsHaveNoTable = noClasses()
            .that().resideInAPackage("functions.operators")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.services.dynamodb..")
            .because("operators/package-info.java: no table");

    @ArchTest
    static final ArchRule nothingDependsOnOperators = noClasses()
            .that().resideOutsideOfPackage("functions.operators")
            .should().dependOnClassesThat().resideInAPackage("functions.operators")
            .because("operators/package-info.java: nothing depends on it");

    @ArchTest
    static final ArchRule offboardUsesSharedAndTheFleetNameOnly = classes()
            .that().resideInAPackage("functions.offboard")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("functions..")
                    .or(resideInAnyPackage("functions.offboard", "functions.shared"))
                    .or(type(functions.provisioning.StackAccess.class)))
            .because("offboard/package-info.java: depends on functions.shared for configuration names, JSON and "
                    + "structured logging, and on functions.provisioning.StackAccess for the fleet's name only; never "
                    + "on the API or pipeline-trigger packages");

    @ArchTest
    static final ArchRule pipelineTriggerUsesSharedOnly = functionPackage("pipeline",
            "pipeline/package-info.java: depends on functions.shared for configuration names and structured "
                    + "logging only; never on functions.product or functions.order", "shared");

    @ArchTest
    static final ArchRule meteringDependsOnSharedAndProvisioningOnly = functionPackage("metering",
            "metering/package-info.java: depends on functions.shared, functions.provisioning (stack locations and "
                    + "the control-plane role of each stack) and the AWS SDK", "shared", "provisioning");

    @ArchTest
    static final ArchRule authorizerDependsOnSharedOnly = functionPackage("authorizer",
            "authorizer/package-info.java: depends on functions.shared, contract.UserRole, nimbus-jose-jwt and the "
                    + "DynamoDB client; never on the API functions' packages", "shared");

    @ArchTest
    static final ArchRule isolationDependsOnSharedTheSdkAndJacksonOnly = classes()
            .that().resideInAPackage("functions.isolation")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "functions.isolation",
                    "functions.shared", "contract..", SDK, "com.fasterxml.jackson..")
            .because("isolation/package-info.java: depends on functions.shared, the AWS SDK (STS, DynamoDB) and "
                    + "Jackson (the session policy's JSON) only; never on a function package");

    @ArchTest
    static final ArchRule ordersNeverUseProducts = functionPackage("order",
            "order/package-info.java: depends on functions.shared and on functions.isolation; never on "
                    + "functions.product", "shared", "isolation");

    @ArchTest
    static final ArchRule productsNeverUseOrders = functionPackage("product",
            "product/package-info.java: depends on functions.shared and on functions.isolation; never on "
                    + "functions.order", "shared", "isolation");

    @ArchTest
    static final ArchRule onlyTheHandlersOfOrderAndProductUseIsolation = noClasses()
            .that().resideInAnyPackage("functions.order", "functions.product")
            .and().doNotHaveSimpleName("OrderHandler").and().doNotHaveSimpleName("ProductHandler")
            .should().dependOnClassesThat().resideInAPackage("functions.isolation")
            .because("order/ and product/package-info.java: on functions.isolation in the handler only");

    @ArchTest
    static final ArchRule servicesAreFreeOfLambdaTypes = noClasses()
            .that().haveFullyQualifiedName("functions.product.ProductService")
            .or().haveFullyQualifiedName("functions.order.OrderService")
            .or().haveFullyQualifiedName("functions.tenants.TenantService")
            .or().haveFullyQualifiedName("functions.tenants.TenantUserService")
            .or().haveFullyQualifiedName("functions.operators.OperatorService")
            .should().dependOnClassesThat().resideInAPackage(LAMBDA)
            .because("product/, order/, tenants/ and operators/package-info.java: the service is the rules, free of "
                    + "Lambda types");

    @ArchTest
    static final ArchRule pipelineAndOffboardRulesAreFreeOfLambdaAndSdkTypes = noClasses()
            .that().haveFullyQualifiedName("functions.pipeline.PipelineTrigger")
            .or().haveFullyQualifiedName("functions.offboard.Offboarder")
            .should().dependOnClassesThat().resideInAnyPackage(LAMBDA, SDK)
            .because("pipeline/ and offboard/package-info.java: PipelineTrigger and Offboarder are the rules, free of "
                    + "Lambda and SDK types");

    @ArchTest
    static final ArchRule bootstrapDependsOnSharedAndUsersOnly = functionPackage("bootstrap",
            "bootstrap/package-info.java: depends on functions.shared and functions.users only", "shared", "users");

    @ArchTest
    static final ArchRule noCycleBetweenFunctionPackages = slices().matching("functions.(*)..")
            .should().beFreeOfCycles()
            .because("every package-info.java names the function packages it may depend on, and those point one way");

    /** Classes of {@code functions.<pkg>} depend on no function package but their own and {@code mayUse}. */
    private static ArchRule functionPackage(String pkg, String because, String... mayUse) {
        String[] allowed = Stream.concat(Stream.of(pkg), Arrays.stream(mayUse))
                .map(p -> "functions." + p).toArray(String[]::new);
        return classes().that().resideInAPackage("functions." + pkg)
                .should().onlyDependOnClassesThat(resideOutsideOfPackage("functions..").or(resideInAnyPackage(allowed)))
                .because(because);
    }
}
