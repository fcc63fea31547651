package contract;

/**
 * The roles {@code cdk bootstrap} makes in every fleet environment, which the pipelines, the onboard project and the
 * offboarder assume: {@code cdk-<qualifier>-<role>-role-<account>-<region>}, each tagged
 * {@code aws-cdk:bootstrap-role=<role>} (the bootstrap template of aws-cdk-lib 2.x). The CDK app builds their ARNs
 * from these names ({@code constructs.BootstrapRoles}); the offboarder builds its deploy-role ARNs from them too.
 */
public final class CdkBootstrap {

    /** The qualifier {@code cdk bootstrap} uses unless told otherwise; the fleet's environments are bootstrapped so. */
    public static final String DEFAULT_QUALIFIER = "hnb659fds";

    /** The tag bootstrap puts on each of its roles, whose value is {@link Role#tag()}. */
    public static final String ROLE_TAG = "aws-cdk:bootstrap-role";

    /** A bootstrap role, named for its {@code aws-cdk:bootstrap-role} tag value. */
    public enum Role {
        /** Deploys stacks (CloudFormation change sets, DescribeStacks, DeleteStack). */
        DEPLOY("deploy"),
        /** Publishes file assets to the bootstrap bucket. */
        FILE_PUBLISHING("file-publishing"),
        /** Publishes image assets to the bootstrap repository. */
        IMAGE_PUBLISHING("image-publishing"),
        /** Read-only lookups (and the canary validation's alarm reads). */
        LOOKUP("lookup");

        private final String tag;

        Role(String tag) {
            this.tag = tag;
        }

        /** The role's {@code aws-cdk:bootstrap-role} tag value, also the word its name carries. */
        public String tag() {
            return tag;
        }
    }

    private CdkBootstrap() {
    }

    /**
     * {@code cdk-<qualifier>-<role>-role-<account>-<region>}; {@code region} may be {@code *} for an IAM pattern of
     * the account's every region.
     */
    public static String roleName(String qualifier, Role role, String account, String region) {
        return "cdk-" + qualifier + "-" + role.tag() + "-role-" + account + "-" + region;
    }
}
