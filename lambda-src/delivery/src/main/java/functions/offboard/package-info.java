/**
 * The fleet offboarder: {@link functions.offboard.OffboardHandler} (the Lambda entry point the pipeline invokes
 * with {@code fleet-plan.json} after every wave deployed) reads the plan strictly through
 * {@link functions.offboard.FleetPlanReader}, and {@link functions.offboard.Offboarder} (the rules, free of Lambda
 * and SDK types) finds, in every environment the plan names, the stacks tagged as silo tenant stacks of the fleet
 * that the plan no longer lists, and deletes them within the {@code MAX_DELETIONS} blast radius through a
 * {@link functions.offboard.FleetStackDirectory}, whose real implementation assumes each environment's CDK deploy
 * role and calls CloudFormation. Depends on {@code functions.shared} for configuration names, JSON and structured
 * logging, and on {@code functions.provisioning.StackAccess} for the fleet's name only; never on the API or
 * pipeline-trigger packages.
 */
package functions.offboard;
