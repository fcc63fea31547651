package functions.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import functions.shared.FaultPlan;
import functions.shared.TestContext;
import functions.users.DirectoryUser;
import functions.users.FaultInjectingUserDirectory;
import functions.users.MotoCognito;
import functions.users.UserDirectory;
import contract.UserRole;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom::Operators driven with CloudFormation's Create/Update/Delete events against moto's Cognito, answering to a
 * local ResponseURL: operators are made as the operators API makes them, nobody twice, and nobody is ever removed.
 */
class OperatorsSeedHandlerTest {

    private static final Duration MARGIN = Duration.ofSeconds(1);

    private final MotoCognito cognito = MotoCognito.get();
    private final UserDirectory directory = cognito.directory();
    private final ResponseCatcher responses = new ResponseCatcher();
    private String pool;

    @BeforeEach
    void createPool() {
        pool = cognito.createUserPool();
    }

    @AfterEach
    void stop() {
        responses.close();
    }

    private JsonNode send(String event) {
        return send(pool, event);
    }

    private JsonNode send(String userPoolId, String event) {
        return send(directory, userPoolId, event);
    }

    private JsonNode send(UserDirectory through, String userPoolId, String event) {
        int before = responses.received().size();
        new OperatorsSeedHandler(new OperatorsSeed(through, userPoolId), MARGIN)
                .handleRequest(CustomResourceEvents.load(event, responses.url()), new TestContext());
        List<ResponseCatcher.Received> all = responses.received();
        assertEquals(before + 1, all.size(), "one answer per request");
        return all.get(all.size() - 1).json();
    }

    private List<String> users() {
        return directory.listUsers(pool, 60, null).users().stream().map(DirectoryUser::email).sorted().toList();
    }

    private List<String> group(String role) {
        return directory.listUsersInGroup(pool, "operators-" + role, 60, null).users().stream()
                .map(DirectoryUser::email).sorted().toList();
    }

    @Test
    void createMakesEachOperatorAsTheOperatorsApiDoes() {
        JsonNode answer = send("operators-create.json");

        assertEquals("SUCCESS", answer.get("Status").asText());
        assertEquals("saas-baseline-Operators", answer.get("PhysicalResourceId").asText());
        assertEquals("2", answer.get("Data").get("Created").asText());
        assertEquals("0", answer.get("Data").get("Existing").asText());
        DirectoryUser admin = directory.findUser(pool, "ops@example.com").orElseThrow();
        assertEquals(UserRole.SYSTEM_ADMIN, admin.role());
        assertNull(admin.tenantId());
        assertNull(admin.tier());
        assertTrue(admin.enabled());
        // Invited: Cognito mailed a temporary password that must be changed at first sign-in.
        assertEquals("FORCE_CHANGE_PASSWORD", admin.status());
        assertEquals(UserRole.CUSTOMER_SUPPORT, directory.findUser(pool, "help@example.com").orElseThrow().role());
        assertEquals(List.of("ops@example.com"), group("SystemAdmin"));
        assertEquals(List.of("help@example.com"), group("CustomerSupport"));
    }

    @Test
    void aReplayedCreateCreatesNobodyTwiceAndLeavesExistingUsersAsTheyAre() {
        send("operators-create.json");
        String help = directory.findUser(pool, "help@example.com").orElseThrow().username();
        directory.disableUser(pool, help);

        JsonNode replay = send("operators-create.json");

        assertEquals("SUCCESS", replay.get("Status").asText());
        assertEquals("saas-baseline-Operators", replay.get("PhysicalResourceId").asText());
        assertEquals("0", replay.get("Data").get("Created").asText());
        assertEquals("2", replay.get("Data").get("Existing").asText());
        assertEquals(List.of("help@example.com", "ops@example.com"), users());
        assertFalse(directory.findUser(pool, help).orElseThrow().enabled(), "a disabled operator stays disabled");
    }

    @Test
    void anUpdateCreatesOnlyTheNewOperatorAndNeverRemovesTheDroppedOne() {
        send("operators-create.json");

        JsonNode answer = send("operators-update.json");

        assertEquals("SUCCESS", answer.get("Status").asText());
        assertEquals("saas-baseline-Operators", answer.get("PhysicalResourceId").asText());
        assertEquals("1", answer.get("Data").get("Created").asText());
        assertEquals("1", answer.get("Data").get("Existing").asText());
        assertEquals(List.of("help@example.com", "night@example.com", "ops@example.com"), users());
        assertTrue(directory.findUser(pool, "help@example.com").orElseThrow().enabled());
    }

    @Test
    void aDeleteAnswersSuccessAndKeepsEveryUser() {
        send("operators-create.json");

        JsonNode answer = send("operators-delete.json");

        assertEquals("SUCCESS", answer.get("Status").asText());
        assertEquals("saas-baseline-Operators", answer.get("PhysicalResourceId").asText());
        assertEquals(List.of("help@example.com", "ops@example.com"), users());
        assertTrue(directory.findUser(pool, "ops@example.com").orElseThrow().enabled());
    }

    @Test
    void anUnknownRoleAnswersFailedNamingTheEntryAndCreatesNobody() {
        JsonNode answer = send("operators-create-bad-role.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertEquals("property 'operators[1].role' must be SystemAdmin or CustomerSupport, got 'TenantAdmin'",
                answer.get("Reason").asText());
        assertTrue(users().isEmpty(), "the valid first entry is not created either");
    }

    @Test
    void aBadEmailAnswersFailedNamingTheEntry() {
        JsonNode answer = send("operators-create-bad-email.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertEquals("property 'operators[0].email' must be an email address", answer.get("Reason").asText());
        assertTrue(users().isEmpty());
    }

    @Test
    void aFailedGroupingWhoseUndoIsDeniedAnswersFailedWithTheGroupingErrorAndTheRetryLeavesTheUser() {
        // The seed's role may not delete users (BootstrapResources): the undo's AccessDenied is a case moto cannot
        // produce (it evaluates no IAM), so both failures are injected around the real directory.
        var faults = new FaultPlan();
        faults.failOn("addUserToGroup");
        faults.failOn("deleteUser");
        var denied = new FaultInjectingUserDirectory(directory, faults);

        JsonNode answer = send(denied, pool, "operators-create.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertEquals("IllegalStateException: injected failure in addUserToGroup", answer.get("Reason").asText());
        assertEquals(List.of("ops@example.com"), users(), "the undo was denied: the user stays, without its group");

        JsonNode retry = send("operators-create.json");

        assertEquals("SUCCESS", retry.get("Status").asText());
        assertEquals("1", retry.get("Data").get("Existing").asText());
        assertEquals("1", retry.get("Data").get("Created").asText());
        assertTrue(group("SystemAdmin").isEmpty(), "an existing user is left as it is");
    }

    @Test
    void aPoolThatDoesNotExistAnswersFailedWithTheServiceError() {
        JsonNode answer = send("us-east-1_doesnotexist", "operators-create.json");

        assertEquals("FAILED", answer.get("Status").asText());
        assertTrue(answer.get("Reason").asText().startsWith("ResourceNotFoundException"), answer.get("Reason").asText());
        assertEquals("saas-baseline-Operators", answer.get("PhysicalResourceId").asText());
    }
}
