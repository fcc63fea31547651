package functions.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of {@code GET /products} or {@code GET /orders}: {@code nextToken} ({@link SignedPageToken}) is absent on
 * the last page. A page may hold fewer than {@code limit} items (even none) and still have a {@code nextToken}:
 * only its absence means the end.
 *
 * <p>{@value #DEFAULT_LIMIT} items by default, at most {@value #MAX_LIMIT}: the largest order (200-character name,
 * 100 lines) is under 13 KB of JSON, so a full page stays far below Lambda's 6 MB synchronous response limit
 * (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html), and a page costs at most one Query per shard plus
 * one per 1 MB read, well inside the function's 15 s and API Gateway's 29 s integration timeout
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListPage<T>(List<T> items, String nextToken) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public ListPage {
        items = List.copyOf(items);
    }
}
