package functions.registration;

import functions.provisioning.Tier;
import functions.shared.Validation;
import functions.tenants.TenantInputs;

/** The body of POST /registration (and of POST /tenants); unknown fields are a 400. */
public record RegistrationInput(String tenantName, String adminEmail, String tier, String address, String phone) {

    /** Every field checked in declaration order; the first failure is a 400 naming the field. */
    RegistrationRequest validated() {
        return new RegistrationRequest(
                TenantInputs.tenantName("tenantName", tenantName),
                Validation.email("adminEmail", adminEmail),
                Tier.parse("tier", tier),
                TenantInputs.address("address", address),
                TenantInputs.phone("phone", phone));
    }
}
