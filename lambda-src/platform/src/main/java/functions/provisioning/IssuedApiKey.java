package functions.provisioning;

/** A tenant's API Gateway key: its id (to manage it) and its value (what the tenant authorizer hands API Gateway). */
public record IssuedApiKey(String id, String value) {

    @Override
    public String toString() {
        // The value is a credential: keep it out of logs and exception messages.
        return "IssuedApiKey[id=" + id + "]";
    }
}
