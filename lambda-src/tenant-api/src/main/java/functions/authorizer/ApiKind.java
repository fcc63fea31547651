package functions.authorizer;

import java.util.Locale;

/** Which API an authorizer instance guards; it decides the route table rows that apply ({@code API_KIND}). */
enum ApiKind {
    /** The product and order API of a pooled tier stack or of a silo tenant's stack. */
    TENANT,
    /** The control plane's admin API (tenants and their users). */
    ADMIN;

    static ApiKind fromConfig(String raw) {
        for (ApiKind kind : values()) {
            if (kind.configValue().equals(raw)) {
                return kind;
            }
        }
        throw new IllegalStateException(AuthorizerConfig.API_KIND + " must be 'tenant' or 'admin', got '" + raw + "'");
    }

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
