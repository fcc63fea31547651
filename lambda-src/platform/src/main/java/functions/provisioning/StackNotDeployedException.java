package functions.provisioning;

/**
 * The target stack does not exist (yet), has not finished its first deployment, or its control-plane role cannot
 * be assumed (the role is part of the stack, so before the stack exists STS refuses exactly like this). For a
 * pooled tier this is a deployment fault; for a silo tenant it means "wait for the pipeline".
 */
public final class StackNotDeployedException extends IllegalStateException {

    private final transient StackLocation location;

    public StackNotDeployedException(StackLocation location, String reason, Throwable cause) {
        super(location + " is not deployed yet: " + reason, cause);
        this.location = location;
    }

    public StackLocation location() {
        return location;
    }
}
