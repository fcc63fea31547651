package functions.shared;

/** The item (for this tenant) or the route does not exist: 404. */
public final class NotFoundException extends ApiException {

    public NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException item(String kind, String id) {
        return new NotFoundException(kind + " " + id + " not found");
    }

    @Override
    public int statusCode() {
        return 404;
    }

    @Override
    public String errorCode() {
        return "NotFound";
    }
}
