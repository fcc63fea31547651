package functions.offboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake CloudFormation: there is no local emulator. Holds each environment's stacks, fails the environments
 * and deletes it is told to, and records every call.
 */
final class InMemoryStackDirectory implements FleetStackDirectory {

    record Deletion(Env env, String stackName) {
    }

    private final Map<Env, List<DeployedStack>> stacks = new LinkedHashMap<>();
    private final Map<Env, DirectoryException> failingEnvs = new HashMap<>();
    private final Map<String, DirectoryException> failingDeletes = new HashMap<>();
    private final List<Env> listed = new ArrayList<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private int closed;

    static Env env(String account, String region) {
        return new Env(account, region);
    }

    /** A fleet stack as the CDK app tags it: ManagedBy always, TenantId when {@code tenantId} is not null. */
    static DeployedStack fleetStack(String name, String tenantId, String status) {
        Map<String, String> tags = new HashMap<>(Map.of("ManagedBy", "saas-fleet"));
        if (tenantId != null) {
            tags.put("TenantId", tenantId);
            tags.put("Tier", "PLATINUM");
        }
        return new DeployedStack(name, status, tags, false, false);
    }

    static DeployedStack siloStack(String tenantId) {
        return fleetStack("saas-silo-" + tenantId, tenantId, "CREATE_COMPLETE");
    }

    InMemoryStackDirectory add(Env env, DeployedStack... deployed) {
        stacks.computeIfAbsent(env, e -> new ArrayList<>()).addAll(List.of(deployed));
        return this;
    }

    InMemoryStackDirectory failList(Env env, String errorCode) {
        failingEnvs.put(env, new DirectoryException("AssumeRole arn:aws:iam::" + env.account() + ":role/x",
                errorCode, "not authorized", null));
        return this;
    }

    InMemoryStackDirectory failDelete(String stackName, String errorCode) {
        failingDeletes.put(stackName, new DirectoryException("DeleteStack " + stackName, errorCode, "refused", null));
        return this;
    }

    @Override
    public List<DeployedStack> list(Env env) {
        listed.add(env);
        DirectoryException failure = failingEnvs.get(env);
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(stacks.getOrDefault(env, List.of()));
    }

    @Override
    public void delete(Env env, String stackName) {
        deletions.add(new Deletion(env, stackName));
        DirectoryException failure = failingDeletes.get(stackName);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        closed++;
    }

    List<Env> listed() {
        return List.copyOf(listed);
    }

    List<Deletion> deletions() {
        return List.copyOf(deletions);
    }

    int closed() {
        return closed;
    }
}
