package app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional top-level {@code mail}: the SES sender of every user pool, validated like every other field. */
class MailCatalogTest {

    private static final String IDENTITY = "arn:aws:ses:us-east-1:111111111111:identity/example.com";

    @TempDir
    Path dir;

    private static String withMail(String json) {
        return Catalogs.valid().replaceFirst("\\{", "{\"mail\": " + json + ",");
    }

    private static String mail(String from, String arn) {
        return "{\"fromAddress\": \"" + from + "\", \"sesIdentityArn\": \"" + arn + "\"}";
    }

    @Test
    void aCatalogWithoutMailUsesCognitosDefaultMailerAndTheSummarySaysItsDailyLimit() {
        var catalog = Catalogs.load(dir, Catalogs.valid());

        assertEquals(Optional.empty(), catalog.mail());
        String line = MailSettings.summaryLine(catalog.mail());
        assertTrue(line.contains("Cognito's default mailer") && line.contains("50 emails a day per AWS account"), line);
        assertEquals(1, line.lines().count(), "one line");
    }

    @Test
    void mailIsReadWithItsOptionalConfigurationSet() {
        var catalog = Catalogs.load(dir, withMail("{\"fromAddress\": \"no-reply@example.com\", \"sesIdentityArn\": \""
                + IDENTITY + "\", \"configurationSet\": \"onboarding_mail-1\"}"));

        var mail = catalog.mail().orElseThrow();
        assertEquals(new MailSettings("no-reply@example.com", IDENTITY, Optional.of("onboarding_mail-1")), mail);
        assertEquals("us-east-1", mail.identityRegion());
        assertEquals(Optional.of("example.com"), mail.identityDomain());
        assertTrue(MailSettings.summaryLine(catalog.mail()).contains(IDENTITY));
    }

    @Test
    void anEmailIdentityMaySendOnlyAsItsOwnAddress() {
        String identity = "arn:aws:ses:eu-west-1:111111111111:identity/ops@example.com";
        var catalog = Catalogs.load(dir, withMail(mail("ops@example.com", identity)));
        assertEquals(Optional.empty(), catalog.mail().orElseThrow().identityDomain());

        var e = Catalogs.failure(dir, withMail(mail("other@example.com", identity)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("mail: field 'fromAddress' 'other@example.com' is not covered by"
                + " SES identity 'ops@example.com'"), e.getMessage());
    }

    @Test
    void aBadSesSettingStopsTheCatalogNamingTheField() {
        Map<String, String> prefixByMail = Map.ofEntries(
                Map.entry(mail("no-reply@example.com", "arn:aws:sns:us-east-1:111111111111:identity/example.com"),
                        "mail: field 'sesIdentityArn' must look like arn:<partition>:ses:"),
                Map.entry(mail("no-reply@example.com", "arn:aws-cn:ses:us-east-1:111111111111:identity/example.com"),
                        "mail: field 'sesIdentityArn' has partition 'aws-cn' but region 'us-east-1' is in partition"),
                Map.entry(mail("no-reply@example.com", "arn:aws:ses:us-east-9:111111111111:identity/example.com"),
                        "mail: field 'sesIdentityArn' names unknown AWS region 'us-east-9'"),
                Map.entry(mail("no-reply@example.com", "arn:aws:ses:us-east-1:1111:identity/example.com"),
                        "mail: field 'sesIdentityArn' must look like"),
                Map.entry(mail("no-reply@example.com", "arn:aws:ses:us-east-1:111111111111:identity/not a domain"),
                        "mail: field 'sesIdentityArn' must name an email address or a domain"),
                Map.entry(mail("no-reply", IDENTITY), "mail: field 'fromAddress' must be an email address"),
                Map.entry(mail("no reply@example.com", IDENTITY), "mail: field 'fromAddress' must be an email address"),
                Map.entry(mail("no-reply@elsewhere.org", IDENTITY),
                        "mail: field 'fromAddress' 'no-reply@elsewhere.org' is not covered by SES identity"),
                Map.entry("{\"fromAddress\": \"no-reply@example.com\", \"sesIdentityArn\": \"" + IDENTITY
                        + "\", \"configurationSet\": \"bad set!\"}", "mail: field 'configurationSet' must be 1 to 64"),
                Map.entry("{\"fromAddress\": \"no-reply@example.com\", \"sesIdentityArn\": \"" + IDENTITY
                        + "\", \"configurationSet\": 7}", "mail: field 'configurationSet' must be a string"),
                Map.entry("{\"fromAdress\": \"no-reply@example.com\", \"sesIdentityArn\": \"" + IDENTITY + "\"}",
                        "mail: unknown field 'fromAdress' (did you mean 'fromAddress'?)"),
                Map.entry("{\"fromAddress\": \"no-reply@example.com\"}", "mail: field 'sesIdentityArn' is missing"),
                Map.entry("\"no-reply@example.com\"", "catalog: field 'mail' must be an object, got string"));
        prefixByMail.forEach((json, prefix) -> {
            var e = Catalogs.failure(dir, withMail(json));
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(prefix)), json + " -> " + e.getMessage());
            assertTrue(e.problems().stream().allMatch(p -> p.startsWith("mail: ") || p.startsWith("catalog: field 'mail'")),
                    "only the mail setting is blamed: " + e.getMessage());
        });
    }
}
