/**
 * The operators of the fleet (SystemAdmin, CustomerSupport users of the operations user pool) on the admin API:
 * {@link functions.operators.OperatorHandler} (Lambda entry point, routing only, {@code /operators…}),
 * {@link functions.operators.OperatorService} (the rules, free of Lambda types; roles through
 * {@link functions.shared.CallerContext}) and {@link functions.operators.OperatorConfig}
 * ({@code OPERATIONS_USER_POOL_ID}, {@code AWS_REGION}). Cognito only through the {@code functions.users}
 * contract. Depends on {@code functions.shared}, {@code functions.users} and the {@code Page} value of
 * {@code functions.tenants}; no table, and nothing depends on it.
 */
package functions.operators;
