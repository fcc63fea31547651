package functions.provisioning;

/** Opens the clients of a fleet stack; the services depend on this, tests build it in memory. */
public interface TargetStacks {

    /** The stack at {@code location}; opening calls nothing, the first use of a client does. */
    TargetStack at(StackLocation location);
}
