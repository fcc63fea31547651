package functions.shared;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which calls of a fault-injecting wrapper fail next, and how; every call is recorded by name. */
public final class FaultPlan {

    private final Map<String, Runnable> next = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    /** The next call of {@code method} throws a RuntimeException, as a service fault would. */
    public void failOn(String method) {
        next.put(method, () -> {
            throw new IllegalStateException("injected failure in " + method);
        });
    }

    /** The next call of {@code method} kills the "process" ({@link SimulatedCrash}). */
    public void crashOn(String method) {
        next.put(method, () -> {
            throw new SimulatedCrash(method);
        });
    }

    /** The next call of {@code method} first runs {@code action} (e.g. a concurrent replay). */
    public void beforeNext(String method, Runnable action) {
        next.put(method, action);
    }

    public void call(String method) {
        calls.add(method);
        Runnable action = next.remove(method);
        if (action != null) {
            action.run();
        }
    }

    public long count(String method) {
        return calls.stream().filter(method::equals).count();
    }
}
