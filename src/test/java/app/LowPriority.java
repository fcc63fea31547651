package app;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a child process that a test class marked {@code @Execution(CONCURRENT)} waits on (the app
 * run as {@code cdk synth} runs it, cfn-lint, the scripts and their {@code aws} calls), run at nice 10, as lambda-src's
 * background tests are: on this 2-core machine the in-process CDK tests (one thread and its jsii node process) are
 * the longest line of the test command and ran alone for the last 100 s while the other core idled; at a lower
 * priority, these children take what the in-process line leaves instead of slowing it. Their time limits are hang
 * guards, not speed checks.
 */
public final class LowPriority {

    private LowPriority() {
    }

    /** {@code command} under {@code nice -n 10}. */
    public static List<String> command(List<String> command) {
        var niced = new ArrayList<String>(List.of("nice", "-n", "10"));
        niced.addAll(command);
        return niced;
    }

    /** {@code command} under {@code nice -n 10}. */
    public static List<String> command(String... command) {
        return command(List.of(command));
    }
}
