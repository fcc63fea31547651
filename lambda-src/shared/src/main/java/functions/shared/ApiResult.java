package functions.shared;

/** What a route produced, before it becomes an API Gateway response; {@code body} is null for 204. */
public record ApiResult(int statusCode, Object body) {

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body);
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body);
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null);
    }
}
