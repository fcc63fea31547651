package functions.tenants;

/**
 * The body of PUT /tenants/{tenantId}: the contact details, replaced as a whole (an absent field is removed).
 * Name, email and tier are not here: they are uniqueness claims or a migration, so a client sending one gets a
 * 400 for an unknown field.
 */
public record TenantUpdate(String address, String phone) {

    TenantUpdate validated() {
        return new TenantUpdate(TenantInputs.address("address", address), TenantInputs.phone("phone", phone));
    }
}
