/**
 * The product API: {@link functions.product.ProductHandler} (the Lambda entry point, routing only),
 * {@link functions.product.ProductService} (the rules, free of Lambda types), the product records and the
 * repository that maps them onto the sharded product table. Depends on {@code functions.shared} for tenant,
 * sharding, errors and responses, and on {@code functions.isolation} (in the handler only) for the table whose calls
 * are signed with the calling tenant's credentials; never on {@code functions.order}.
 */
package functions.product;
