/**
 * The names the CDK app and the functions share, each written once: environment variables ({@link contract.Env}) and
 * which handler needs which ({@link contract.EnvContract}), the handlers and their jar families, tiers, user roles,
 * token claims, the stack outputs the control plane reads, table key names, and the stack and role name patterns.
 * Both builds compile it (lambda-src as a module, the CDK app from these sources), so it may depend on nothing but the
 * JDK.
 */
package contract;
