package functions.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The real directory and SDK client against {@link CognitoJsonStub}, for exactly the answers cognito-local
 * 5.3.0 does not give as Cognito does (see the notes on the emulator tests that point here).
 */
class CognitoUserDirectoryWireTest {

    private static final String POOL = "eu-west-1_Stub";

    /** Cognito pages ListUsersInGroup: at most Limit users, and an opaque NextToken while more remain. */
    @Test
    void listUsersInGroupFollowsCognitosPageTokens() {
        List<String> members = IntStream.range(0, 5).mapToObj(i -> "user" + i + "@acme.example").toList();
        try (var stub = new CognitoJsonStub(request -> {
            int limit = request.body().get("Limit").asInt();
            int from = request.body().has("NextToken")
                    ? Integer.parseInt(request.body().get("NextToken").asText().substring("after-".length())) : 0;
            int to = Math.min(from + limit, members.size());
            ObjectNode page = CognitoJsonStub.JSON.createObjectNode();
            ArrayNode users = page.putArray("Users");
            members.subList(from, to).forEach(email -> {
                ObjectNode user = users.addObject().put("Username", "sub-" + email).put("Enabled", true)
                        .put("UserStatus", "CONFIRMED");
                ArrayNode attributes = user.putArray("Attributes");
                attributes.addObject().put("Name", "email").put("Value", email);
                attributes.addObject().put("Name", "custom:userRole").put("Value", "TenantUser");
            });
            if (to < members.size()) {
                page.put("NextToken", "after-" + to);
            }
            return CognitoJsonStub.Response.ok(page.toString());
        })) {
            var directory = new CognitoUserDirectory(stub.client());

            List<UserPage> pages = new ArrayList<>();
            String token = null;
            do {
                UserPage page = directory.listUsersInGroup(POOL, "acme", 2, token);
                pages.add(page);
                token = page.nextToken();
            } while (token != null && pages.size() < 10);

            assertEquals(List.of(2, 2, 1), pages.stream().map(p -> p.users().size()).toList());
            assertEquals(members, pages.stream().flatMap(p -> p.users().stream()).map(DirectoryUser::email).toList());
            assertNull(pages.get(2).nextToken());
            var requests = stub.requests();
            assertEquals(List.of("ListUsersInGroup", "ListUsersInGroup", "ListUsersInGroup"),
                    requests.stream().map(CognitoJsonStub.Request::operation).toList());
            assertFalse(requests.get(0).body().has("NextToken"));
            assertEquals("after-2", requests.get(1).body().get("NextToken").asText());
            assertEquals("after-4", requests.get(2).body().get("NextToken").asText());
            requests.forEach(r -> {
                assertEquals(POOL, r.body().get("UserPoolId").asText());
                assertEquals("acme", r.body().get("GroupName").asText());
                assertEquals(2, r.body().get("Limit").asInt());
            });
        }
    }

    /** ListUsers pages with Limit and PaginationToken (not NextToken, as ListUsersInGroup does). */
    @Test
    void listUsersFollowsCognitosPaginationTokens() {
        try (var stub = new CognitoJsonStub(request -> {
            boolean first = !request.body().has("PaginationToken");
            ObjectNode page = CognitoJsonStub.JSON.createObjectNode();
            ObjectNode user = page.putArray("Users").addObject().put("Username", first ? "sub-1" : "sub-2")
                    .put("Enabled", !first).put("UserStatus", "CONFIRMED");
            user.putArray("Attributes").addObject().put("Name", "custom:userRole").put("Value", "SystemAdmin");
            if (first) {
                page.put("PaginationToken", "page-2");
            }
            return CognitoJsonStub.Response.ok(page.toString());
        })) {
            var directory = new CognitoUserDirectory(stub.client());

            UserPage first = directory.listUsers(POOL, 1, null);
            UserPage second = directory.listUsers(POOL, 1, first.nextToken());

            assertEquals("page-2", first.nextToken());
            assertNull(second.nextToken());
            assertEquals(List.of("sub-1", "sub-2"), List.of(first.users().get(0).username(),
                    second.users().get(0).username()));
            assertFalse(first.users().get(0).enabled());
            var requests = stub.requests();
            assertEquals(List.of("ListUsers", "ListUsers"),
                    requests.stream().map(CognitoJsonStub.Request::operation).toList());
            assertEquals(1, requests.get(0).body().get("Limit").asInt());
            assertEquals("page-2", requests.get(1).body().get("PaginationToken").asText());
        }
    }

    @Test
    void aPaginationTokenCognitoRejectsIsInvalidPageToken() {
        try (var stub = new CognitoJsonStub(request ->
                CognitoJsonStub.Response.error("InvalidParameterException", "Pagination token is invalid."))) {
            var directory = new CognitoUserDirectory(stub.client());

            var e = assertThrows(InvalidPageTokenException.class, () -> directory.listUsers(POOL, 10, "forged"));
            assertTrue(e.getMessage().contains(POOL), e.getMessage());
            // Without a token the same answer is not about a token: it stays Cognito's own exception.
            assertThrows(software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException.class,
                    () -> directory.listUsers(POOL, 10, null));
        }
    }

    @Test
    void updatingTheRoleOfAnUnknownUserIsUserNotFound() {
        try (var stub = new CognitoJsonStub(request ->
                CognitoJsonStub.Response.error("UserNotFoundException", "User does not exist."))) {
            var directory = new CognitoUserDirectory(stub.client());

            var e = assertThrows(UserNotFoundException.class,
                    () -> directory.updateRole(POOL, "nobody@acme.example", UserRole.TENANT_ADMIN));

            assertTrue(e.getMessage().contains(POOL) && e.getMessage().contains("nobody@acme.example"),
                    e.getMessage());
            var sent = stub.requests().get(0);
            assertEquals("AdminUpdateUserAttributes", sent.operation());
            assertEquals("[{\"Name\":\"custom:userRole\",\"Value\":\"TenantAdmin\"}]",
                    sent.body().get("UserAttributes").toString());
        }
    }

    /** Two onboardings racing: our GetGroup saw no group, theirs created it before our CreateGroup. */
    @Test
    void ensureGroupLosingACreateRaceIsStillSuccess() {
        try (var stub = new CognitoJsonStub(request -> switch (request.operation()) {
            case "GetGroup" -> CognitoJsonStub.Response.error("ResourceNotFoundException", "Group not found.");
            case "CreateGroup" -> CognitoJsonStub.Response.error("GroupExistsException", "Group already exists.");
            default -> throw new IllegalStateException("unexpected " + request.operation());
        })) {
            new CognitoUserDirectory(stub.client()).ensureGroup(POOL, "acme", "tenant acme");

            assertEquals(List.of("GetGroup", "CreateGroup"),
                    stub.requests().stream().map(CognitoJsonStub.Request::operation).toList());
        }
    }
}
