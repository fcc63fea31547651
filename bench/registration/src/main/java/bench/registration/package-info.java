/**
 * The registration load test of issue #5: drives the production {@code functions.registration.RegistrationService}
 * (built as {@code functions.tenants.ControlPlane.fromEnvironment} builds it, tier stacks through
 * {@code AssumedRoleStacks}) against moto, and measures it against a floor in the same run: moto replaying the very
 * AWS calls the registrations made, without the service. Depends on the functions jar, HdrHistogram and
 * {@code testsupport.Moto} (lambda-src's test fixture, compiled in); nothing in the product depends on it.
 */
package bench.registration;
