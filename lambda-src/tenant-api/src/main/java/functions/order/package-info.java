/**
 * The order API: {@link functions.order.OrderHandler} (the Lambda entry point, routing only),
 * {@link functions.order.OrderService} (the rules, free of Lambda types), the order records and the
 * repository that maps them onto the sharded order table. Depends on {@code functions.shared} for tenant,
 * sharding, errors and responses, and on {@code functions.isolation} (in the handler only) for the table whose calls
 * are signed with the calling tenant's credentials; never on {@code functions.product} (a line's product id is
 * checked for form only, since products live in another function's table).
 */
package functions.order;
