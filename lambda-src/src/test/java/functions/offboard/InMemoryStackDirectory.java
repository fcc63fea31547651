package functions.offboard;

import functions.offboard.FleetStacks.Deletion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet in states moto's CloudFormation never enters, for the offboarding rules that read them: DELETE_FAILED,
 * DELETE_IN_PROGRESS, UPDATE_ROLLBACK_FAILED and a listed DELETE_COMPLETE (moto completes every create, update and
 * delete within the call, and its DescribeStacks drops a deleted stack at once), nested stacks (moto's carry no
 * ParentId and no tags), and a DeleteStack that fails. Everything moto can express runs on {@link MotoFleet}.
 */
final class InMemoryStackDirectory implements FleetStackDirectory {

    private final Map<Env, List<DeployedStack>> stacks = new LinkedHashMap<>();
    private final Map<String, DirectoryException> failingDeletes = new HashMap<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private int closed;

    InMemoryStackDirectory add(Env env, DeployedStack... deployed) {
        stacks.computeIfAbsent(env, e -> new ArrayList<>()).addAll(List.of(deployed));
        return this;
    }

    InMemoryStackDirectory failDelete(String stackName, String errorCode) {
        failingDeletes.put(stackName, new DirectoryException("DeleteStack " + stackName, errorCode, "refused", null));
        return this;
    }

    @Override
    public List<DeployedStack> list(Env env) {
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

    List<Deletion> deletions() {
        return List.copyOf(deletions);
    }

    int closed() {
        return closed;
    }
}
