package architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import app.FleetConfig;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import software.amazon.awscdk.Stack;

/**
 * What each {@code package-info.java} of the CDK app promises, as rules on its compiled classes (tests excluded),
 * and no package cycles. ArchUnit imports the classes once per test JVM (its class cache) and resolves nothing
 * beyond them ({@code archunit.properties}): a dependency on aws-cdk-lib is known by its class name only.
 */
@AnalyzeClasses(locations = PackageRulesTest.MainClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    /**
     * The app's compiled classes (contract's included: this build compiles it) and nothing else: importing by
     * package name would scan every jar on the test classpath (aws-cdk-lib's too) for those packages, ~20 s here.
     */
    static final class MainClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            return Set.of(Location.of(FleetConfig.class.getProtectionDomain().getCodeSource().getLocation()));
        }
    }

    /** The product's own packages; everything else a class may use is named per rule. */
    private static final String[] JDK = {"java..", "javax.annotation.."};

    private static final String[] CATALOG = concat(JDK, "app..", "contract..", "software.amazon.awscdk..",
            "software.constructs..", "com.fasterxml.jackson..", "software.amazon.awssdk.services.dynamodb..",
            "software.amazon.awssdk.core..", "software.amazon.awssdk.regions..",
            "software.amazon.awssdk.http.urlconnection..");

    private static final String[] STAGES = concat(JDK, "stages..", "constructs..", "app..", "contract..",
            "software.amazon.awscdk..", "software.constructs..", "io.github.cdklabs.cdknag..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule catalogDependsOnCdkJacksonAndDynamoDbOnlyNeverOnConstructsOrStages = classes()
            .that().resideInAPackage("app..").and().doNotHaveSimpleName("FleetApp")
            .should().onlyDependOnClassesThat().resideInAnyPackage(CATALOG)
            .because("app/package-info.java: code here may depend on aws-cdk-lib, Jackson, the AWS SDK's DynamoDB "
                    + "client and the names of contract only, never on the constructs or stages packages, so the "
                    + "catalog can be loaded and tested without building any stack");

    @ArchTest
    static final ArchRule onlyTheEntryPointBuildsTheStages = classes()
            .that().resideInAPackage("app..").and().haveSimpleName("FleetApp")
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(CATALOG, "stages..", "constructs.."))
            .because("app/package-info.java: the one exception is the entry point FleetApp, the composition root: "
                    + "it loads the catalog and builds the pipelines of stages");

    @ArchTest
    static final ArchRule nothingDependsOnTheEntryPoint = noClasses()
            .that().doNotHaveSimpleName("FleetApp")
            .should().dependOnClassesThat().haveFullyQualifiedName("app.FleetApp")
            .because("app/package-info.java: nothing depends on the entry point");

    @ArchTest
    static final ArchRule constructsDependOnCdkConstructsAndCdkNagOnly = classes()
            .that().resideInAPackage("constructs..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, "constructs..", "contract..",
                    "software.amazon.awscdk..", "software.constructs..", "io.github.cdklabs.cdknag.."))
            .because("constructs/package-info.java: constructs know nothing of tiers or of the tenant catalog, so "
                    + "they may depend on aws-cdk-lib, constructs, cdk-nag and the function names of contract only, "
                    + "never on app or stages");

    @ArchTest
    static final ArchRule stagesDependOnConstructsTheCatalogAndCdkNagOnly = classes()
            .that().resideInAPackage("stages..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(STAGES)
            .andShould().onlyDependOnClassesThat(describe("not the entry point",
                    target -> !target.getFullName().equals("app.FleetApp")))
            .because("stages/package-info.java: depends on constructs, the catalog of app (never its entry point), "
                    + "the names of contract, cdk-nag and Jackson (the plan's JSON)");

    @ArchTest
    static final ArchRule onlyFleetStacksBuildsAFleetStack = noClasses()
            .that().doNotHaveSimpleName("FleetStacks")
            .should().callConstructorWhere(describe("a fleet stack's constructor", call ->
                    call.getTargetOwner().getPackageName().equals("stages")
                            && call.getTargetOwner().isAssignableTo(Stack.class)
                            && !call.getTargetOwner().getSimpleName().equals("FleetPipelineStack")))
            .because("stages/package-info.java: FleetStacks is the one place that builds a fleet stack (baseline, "
                    + "pooled tier, silo tenant)");

    @ArchTest
    static final ArchRule contractDependsOnNothing = classes()
            .that().resideInAPackage("contract..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(concat(JDK, "contract.."))
            .because("lambda-src/contract is dependency-free (lambda-src/pom.xml: the CDK app compiles it too)");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("(*)..").should().beFreeOfCycles()
            .ignoreDependency(describe("the entry point", origin -> origin.getFullName().equals("app.FleetApp")),
                    describe("anything", target -> true))
            .because("every package-info.java names the packages it may depend on, and those point one way: "
                    + "stages on constructs and app, each of them on contract; the entry point app.FleetApp, the "
                    + "composition root on top of them all, is the one class allowed to reach down into stages");

    private static String[] concat(String[] first, String... rest) {
        var all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
