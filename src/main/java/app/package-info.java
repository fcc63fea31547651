/**
 * The CDK app's entry point, the tenant catalog and its configuration: {@link app.CatalogSource} loads the
 * fleet (pipeline settings, baseline, pooled tiers, silo tenants) as a {@link app.FleetCatalog}, validating
 * every record and reporting all problems in one {@link app.CatalogException}. Code here may depend on
 * aws-cdk-lib and Jackson only, never on the {@code constructs} or {@code stages} packages, so the catalog
 * can be loaded and tested without building any stack.
 */
package app;
