/**
 * The tenant catalog and the CDK app's configuration ({@link app.FleetConfig}): {@link app.CatalogSource} loads the
 * fleet (pipeline settings, baseline, pooled tiers, silo tenants) as a {@link app.FleetCatalog}, from the
 * tenants.json file ({@link app.JsonFileCatalogSource}) or, in the pipeline's synth, from the
 * TenantStackMapping table ({@link app.DynamoDbCatalogSource}), validating every record and reporting all
 * problems in one {@link app.CatalogException}. Code here may depend on aws-cdk-lib, Jackson, the AWS SDK's
 * DynamoDB client and the names of {@code contract} only, never on the {@code constructs} or {@code stages}
 * packages, so the catalog can be loaded and tested without building any stack (the entry point, which builds
 * them, is {@code stages.FleetApp}).
 */
package app;
