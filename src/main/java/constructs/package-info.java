/**
 * Reusable CDK constructs of the fleet: encrypted retained tables and their key, tenant user pools, the tenant
 * API with its firewall and usage plan, Java service functions rolled by CodeDeploy, and stream-triggered
 * functions. Constructs here know nothing of tiers or of the tenant catalog (their props are plain values),
 * so they may depend on aws-cdk-lib, constructs, cdk-nag and the function names of {@code contract} only, never on
 * {@code app} or {@code stages}.
 */
package constructs;
