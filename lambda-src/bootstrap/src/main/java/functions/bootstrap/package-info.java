/**
 * CloudFormation custom resources answered by Java functions, without a Node.js provider: the generic provider
 * ({@link functions.bootstrap.CustomResourceProvider}: Create/Update/Delete, a stable PhysicalResourceId, the
 * response PUT to the pre-signed ResponseURL, FAILED on any exception or when the function's deadline draws near)
 * and the two resources of the baseline, {@code Custom::SettingsSeed} (the catalog's placements as Settings items)
 * and {@code Custom::Operators} (the catalog's first operators as users of the operations pool). Depends on
 * {@code functions.shared} and {@code functions.users} only.
 */
package functions.bootstrap;
