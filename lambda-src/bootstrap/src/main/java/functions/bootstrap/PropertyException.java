package functions.bootstrap;

/** A resource property is missing or malformed; the FAILED response's Reason names it. */
public final class PropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    public PropertyException(String property, String problem) {
        super("property '" + property + "' " + problem);
        this.property = property;
    }

    public String property() {
        return property;
    }
}
