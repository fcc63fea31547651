package stages;

import java.util.Optional;

import app.MailSettings;
import constructs.TenantUserPool;

/** The catalog's optional SES sender as every user pool of the fleet takes it (operations and tenant pools alike). */
final class UserPoolMail {

    private UserPoolMail() {
    }

    /** The pools' sender; null when the catalog has none (Cognito's default mailer). */
    static TenantUserPool.SesSender sender(Optional<MailSettings> mail) {
        return mail.map(m -> new TenantUserPool.SesSender(m.fromAddress(), m.sesIdentityArn(), m.identityRegion(),
                m.identityDomain().orElse(null), m.configurationSet().orElse(null))).orElse(null);
    }
}
