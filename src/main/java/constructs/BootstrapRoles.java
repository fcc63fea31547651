package constructs;

import java.util.Objects;

import contract.CdkBootstrap;
import software.amazon.awscdk.Arn;
import software.amazon.awscdk.ArnComponents;

/**
 * The ARNs of the CDK bootstrap roles ({@link CdkBootstrap}) of environments bootstrapped with {@code qualifier}. They
 * live in other accounts and regions than the stack that names them, so the caller gives the partition: the stack's
 * own ({@code Aws.PARTITION}) for a pattern over an account's regions, or the target region's
 * ({@code stages.StackNames#partition}) for one role.
 *
 * @param qualifier the bootstrap qualifier (required)
 */
public record BootstrapRoles(String qualifier) {

    /** The fleet's environments: bootstrapped with CDK's default qualifier. */
    public static final BootstrapRoles FLEET = new BootstrapRoles(CdkBootstrap.DEFAULT_QUALIFIER);

    public BootstrapRoles {
        Objects.requireNonNull(qualifier, "BootstrapRoles: qualifier is required");
    }

    /** The bootstrap {@code role} of {@code account} in {@code region}. */
    public String arn(String partition, CdkBootstrap.Role role, String account, String region) {
        return Arn.format(ArnComponents.builder()
                .partition(partition).service("iam").region("").account(account)
                .resource("role").resourceName(CdkBootstrap.roleName(qualifier, role, account, region))
                .build());
    }

    /** The bootstrap {@code role} of {@code account} in any of its regions (an IAM resource pattern). */
    public String arnInAnyRegion(String partition, CdkBootstrap.Role role, String account) {
        return arn(partition, role, account, "*");
    }
}
