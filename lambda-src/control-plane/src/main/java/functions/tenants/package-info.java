/**
 * Tenant and user management of the admin API: {@link functions.tenants.TenantAdminHandler} (routing only, behind
 * the Lambda entry point {@code functions.registration.TenantAdminFunction}) and
 * {@link functions.tenants.TenantUserHandler} (Lambda entry point, routing only),
 * {@link functions.tenants.TenantService} and {@link functions.tenants.TenantUserService} (the rules, free of
 * Lambda types, with every role and tenant check through {@link functions.shared.CallerContext}), the
 * repositories of TenantDetails (key {@code tenantId}) and TenantUserMapping ({@code tenantId} +
 * {@code userName}, the user's lowercased email), and {@link functions.tenants.ControlPlane}, the object graph all control-plane functions
 * share, configured by {@link functions.tenants.ControlPlaneConfig}. A tenant's users, API key and TenantApiKeys
 * item live in its stack, which its TenantDetails record names ({@code stackName}, {@code stackAccount},
 * {@code stackRegion}); services reach it through {@link functions.provisioning.TargetStacks}. TenantAdminHandler
 * also serves POST /internal/tenants/{tenantId}/activate, for the fleet's IAM-signed automation only.
 * {@link functions.tenants.TenantAccessHandler} (on the TenantAccess SQS FIFO queue) runs the access jobs that
 * deactivation, activation and offboarding start: {@link functions.tenants.TenantAccessWorker} disables or enables
 * a tenant's users one page per message, its progress kept as the tenant's {@link functions.tenants.AccessJob}.
 * Depends on {@code functions.shared},
 * {@code functions.provisioning} and the {@code functions.users} contract; never on {@code functions.registration},
 * which depends on this package: TenantAdminHandler runs the registration saga for POST /tenants and frees an
 * offboarded tenant's name through {@link functions.tenants.TenantRegistrar}, which that package implements.
 */
package functions.tenants;
