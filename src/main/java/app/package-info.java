/**
 * The CDK app's entry point ({@link app.FleetApp}), the tenant catalog and the app's configuration
 * ({@link app.FleetConfig}): {@link app.CatalogSource} loads the
 * fleet (pipeline settings, baseline, pooled tiers, silo tenants) as a {@link app.FleetCatalog}, from the
 * tenants.json file ({@link app.JsonFileCatalogSource}) or, in the pipeline's synth, from the
 * TenantStackMapping table ({@link app.DynamoDbCatalogSource}), validating every record and reporting all
 * problems in one {@link app.CatalogException}. Code here may depend on aws-cdk-lib, Jackson, the AWS SDK's
 * DynamoDB client and the names of {@code contract} only, never on the {@code constructs} or {@code stages}
 * packages, so the catalog can be loaded and tested without building any stack. The one exception is the entry
 * point {@link app.FleetApp}, the composition root: it loads the catalog and builds the pipelines of
 * {@code stages}, and nothing depends on it.
 */
package app;
