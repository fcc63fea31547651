package functions.registration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The undo actions of the saga steps done so far, run in reverse order. Each is registered before its step
 * runs (every undo is idempotent, and a step that fails halfway may have left something behind), and each runs
 * even if an earlier one failed: the failures are returned so the saga can record them.
 */
final class Compensations {

    private record Undo(String step, Runnable action) {
    }

    private final Deque<Undo> undos = new ArrayDeque<>();
    private String step = "placement";

    /** Registers the undo of {@code step}, the step about to run (the one that failed, if the saga fails now). */
    void add(String step, Runnable action) {
        undos.push(new Undo(step, action));
        this.step = step;
    }

    /** Names the step about to run when it has nothing to undo. */
    void at(String step) {
        this.step = step;
    }

    /** The step the saga is in: the one that failed when the saga fails ({@code RegistrationFailed}'s Step). */
    String step() {
        return step;
    }

    /** Runs every undo, last registered first; the steps whose undo failed, with the reason. */
    List<String> runAll() {
        List<String> failures = new ArrayList<>();
        while (!undos.isEmpty()) {
            Undo undo = undos.pop();
            try {
                undo.action().run();
            } catch (RuntimeException e) {
                failures.add(undo.step() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return failures;
    }
}
