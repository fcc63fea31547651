package app;

import java.util.List;
import java.util.Objects;

/**
 * The catalog could not be loaded. Carries every problem found so one failed synth shows the operator
 * everything to fix at once.
 */
public final class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public CatalogException(String source, List<String> problems) {
        this(source, problems, null);
    }

    public CatalogException(String source, List<String> problems, Throwable cause) {
        super(format(source, problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the record and the field. */
    public List<String> problems() {
        return problems;
    }

    private static String format(String source, List<String> problems) {
        Objects.requireNonNull(source, "CatalogException: source is required");
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("CatalogException: at least one problem is required");
        }
        var text = new StringBuilder("Invalid tenant catalog ").append(source).append(" (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> text.append('\n').append("  - ").append(p));
        return text.toString();
    }
}
