package app;

import java.util.Objects;
import java.util.Optional;

/**
 * The SES sender every user pool of the fleet mails through (catalog top-level {@code mail}); absent, every pool
 * uses Cognito's default mailer, which sends at most {@value #COGNITO_DEFAULT_DAILY_LIMIT} emails a day per AWS
 * account, a quota AWS does not raise (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html).
 *
 * @param fromAddress      the FROM address: the identity's own address, or an address of the identity's domain
 * @param sesIdentityArn   the verified SES identity, {@code arn:<partition>:ses:<region>:<account>:identity/<email or
 *                         domain>}; Cognito sends through SES in that region
 * @param configurationSet an SES configuration set applied to every mail (@default none)
 */
public record MailSettings(String fromAddress, String sesIdentityArn, Optional<String> configurationSet) {

    /** Cognito's default mailer: email messages a day per AWS account, not adjustable. */
    public static final int COGNITO_DEFAULT_DAILY_LIMIT = 50;

    public MailSettings {
        Objects.requireNonNull(fromAddress, "MailSettings: fromAddress is required");
        Objects.requireNonNull(sesIdentityArn, "MailSettings: sesIdentityArn is required");
        Objects.requireNonNull(configurationSet, "MailSettings: configurationSet is required (may be empty)");
        AwsRules.sesIdentityArnIssue(sesIdentityArn).ifPresent(issue -> {
            throw new IllegalArgumentException("MailSettings: sesIdentityArn " + issue);
        });
    }

    /** The region of the SES identity, where Cognito sends from. */
    public String identityRegion() {
        return sesIdentityArn.split(":", 6)[3];
    }

    /** The identity's name: an email address or a domain. */
    public String identityName() {
        return sesIdentityArn.substring(sesIdentityArn.indexOf(":identity/") + ":identity/".length());
    }

    /** The domain the identity verifies, when it is a domain identity. */
    public Optional<String> identityDomain() {
        return identityName().contains("@") ? Optional.empty() : Optional.of(identityName());
    }

    /** The line the plan summary prints about mail. */
    public static String summaryLine(Optional<MailSettings> mail) {
        return mail.map(m -> "mail: every user pool sends through SES identity " + m.sesIdentityArn() + " as "
                        + m.fromAddress() + m.configurationSet().map(s -> " (configuration set " + s + ")").orElse(""))
                .orElse("mail: no SES sender in the catalog: every user pool uses Cognito's default mailer, limited to "
                        + COGNITO_DEFAULT_DAILY_LIMIT + " emails a day per AWS account (not adjustable; set 'mail' in"
                        + " the catalog, README \"Mail\")");
    }
}
