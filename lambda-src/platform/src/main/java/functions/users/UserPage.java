package functions.users;

import java.util.List;
import java.util.Objects;

/**
 * One page of a listing.
 *
 * @param users     at most the requested limit of users, in Cognito's order
 * @param nextToken pass it back for the next page; null on the last page
 */
public record UserPage(List<DirectoryUser> users, String nextToken) {

    public UserPage {
        users = List.copyOf(Objects.requireNonNull(users, "UserPage: users is required"));
    }
}
