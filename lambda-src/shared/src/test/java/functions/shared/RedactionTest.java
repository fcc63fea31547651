package functions.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The masking rules of every log field and message: secret keys by substring, opaque runs in free text. */
class RedactionTest {

    @Test
    void aKeyNamingASecretAnywhereInItIsMaskedWhateverItsCaseOrSeparators() {
        for (String key : List.of("password", "newPassword", "temporary_password", "sessionToken",
                "x-amz-security-token",
                "nextToken", "clientSecret", "SECRET_ARN", "apiKey", "x-api-key", "apiKeyValue", "Authorization",
                "authorizationToken", "cookie", "Set-Cookie", "email", "adminEmail", "contact.email", "credentials")) {
            assertTrue(Redaction.secretKey(key), key);
        }
    }

    @Test
    void aKeyWithCodeIsMaskedUnlessItIsAnErrorStatusOrOtherNamedNonSecretCode() {
        for (String key : List.of("code", "verificationCode", "confirmation_code", "mfaCode", "codeHash", "otpcode",
                "authCode")) {
            assertTrue(Redaction.secretKey(key), key);
        }
        for (String key : List.of("errorCode", "statusCode", "httpStatusCode", "error_code", "exitCode", "reasonCode",
                "countryCode", "currencyCode", "codeBuildProject", "codepipelineName", "apiKeyId", "status",
                "tenantId", "reason", "requestId")) {
            assertFalse(Redaction.secretKey(key), key);
        }
    }

    @Test
    void aLongMixedCaseAlphanumericRunInFreeTextIsMasked() {
        String apiKey = "k3yV4lue0123456789abcdefGHIJKLmnopqrst12";
        String base64 = "dGhpcyBpcyBhIHNlY3JldCBrZXkgMTIz+Q==";

        String masked = Redaction.text("api key " + apiKey + " refused; secret=" + base64 + ".");

        assertFalse(masked.contains(apiKey), masked);
        assertEquals("api key " + Redaction.OPAQUE + " refused; secret=" + Redaction.OPAQUE + ".", masked);
    }

    @Test
    void idsTheProductLogsStayReadable() {
        for (String text : List.of(
                "request 5f3c2a1e-9b7d-4c3e-8f21-0a1b2c3d4e5f failed",
                "trace Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
                "User: arn:aws:sts::123456789012:assumed-role/saas-pooled-basic-ControlPlaneRole-1A2B3C4D5E6F/usage"
                        + " is not authorized to perform: cloudformation:DescribeStacks",
                "assumed-role/saas-pooled-basic-ControlPlaneRole4F6B2E1A-1A2B3C4D5E6F/usage-collector refused",
                "(Service: DynamoDb, Status Code: 400,"
                        + " Request ID: JTNCE2EH3I9AKVMRQHRKQ0TRLRVV4KQNSO5AEMVJF66Q9ASUAAJG)",
                "functions.provisioning.StackNotDeployedException: stack saas-pooled-premium is not deployed",
                "user pool us-east-1_AbCdEfGhI client 1example23456789abcdefghij",
                "usage plan lgutxb3ibi key abc123def4 on a1b2c3d4e5/prod")) {
            assertEquals(text, Redaction.text(text));
        }
    }

    @Test
    void emailsAndJwtsInFreeTextAreStillMasked() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";

        String masked = Redaction.text("user ada@example.com sent " + jwt);

        assertEquals("user <email> sent <jwt>", masked);
    }
}
