/**
 * The registration load test of issue #5: drives the production {@code functions.registration.RegistrationService}
 * (built by {@code functions.tenants.ControlPlane}) against DynamoDB Local over HTTP, with in-memory stand-ins for
 * Cognito and API Gateway, and reports throughput, latency percentiles and DynamoDB calls per registration. Depends
 * on the functions jar, DynamoDB Local and HdrHistogram only; nothing in the product depends on it.
 */
package bench.registration;
