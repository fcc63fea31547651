package functions.registration;

import contract.Tier;
import functions.shared.Validation;
import functions.shared.ValidationException;
import functions.tenants.TenantInputs;

/** The body of POST /registration (and of POST /tenants); unknown fields are a 400. */
public record RegistrationInput(String tenantName, String adminEmail, String tier, String address, String phone) {

    /** Every field checked in declaration order; the first failure is a 400 naming the field. */
    RegistrationRequest validated() {
        return new RegistrationRequest(
                TenantInputs.tenantName("tenantName", tenantName),
                Validation.email("adminEmail", adminEmail),
                tier("tier", tier),
                TenantInputs.address("address", address),
                TenantInputs.phone("phone", phone));
    }

    /** The tier named exactly {@code value}; a 400 on {@code field} listing the tiers otherwise. */
    static Tier tier(String field, String value) {
        if (value == null) {
            throw new ValidationException(field, "is required");
        }
        return Tier.named(value).orElseThrow(() -> new ValidationException(field, "must be one of " + Tier.names()));
    }
}
