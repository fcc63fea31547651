package functions.offboard;

import functions.offboard.FleetStacks.Deletion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet in states moto's CloudFormation never enters, for the offboarding rules that read them: DELETE_FAILED,
 * DELETE_IN_PROGRESS, UPDATE_ROLLBACK_FAILED, ROLLBACK_COMPLETE, ROLLBACK_FAILED, a delete that takes a while and a
 * listed DELETE_COMPLETE (moto completes every create, update and
 * delete within the call, and its DescribeStacks drops a deleted stack at once), nested stacks (moto's carry no
 * ParentId and no tags), and a DeleteStack that fails. Everything moto can express runs on {@link MotoFleet}.
 */
final class InMemoryStackDirectory implements FleetStackDirectory {

    private final Map<Env, List<DeployedStack>> stacks = new LinkedHashMap<>();
    private final Map<String, DirectoryException> failingDeletes = new HashMap<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private final Map<String, java.util.Deque<String>> statusesAfterDelete = new HashMap<>();
    private int closed;

    InMemoryStackDirectory add(Env env, DeployedStack... deployed) {
        stacks.computeIfAbsent(env, e -> new ArrayList<>()).addAll(List.of(deployed));
        return this;
    }

    InMemoryStackDirectory failDelete(String stackName, String errorCode) {
        failingDeletes.put(stackName, new DirectoryException("DeleteStack " + stackName, errorCode, "refused", null));
        return this;
    }

    /** What {@code status} answers for a deleted stack, look after look (the last one repeats); DELETE_COMPLETE by default. */
    InMemoryStackDirectory afterDelete(String stackName, String... statuses) {
        statusesAfterDelete.put(stackName, new java.util.ArrayDeque<>(List.of(statuses)));
        return this;
    }

    @Override
    public String status(Env env, String stackName) {
        if (deletions.stream().noneMatch(d -> d.env().equals(env) && d.stackName().equals(stackName))) {
            return stacks.getOrDefault(env, List.of()).stream().filter(s -> s.stackName().equals(stackName))
                    .map(DeployedStack::status).findFirst()
                    .orElseThrow(() -> new DirectoryException("DescribeStacks " + stackName, "NotListed", "", null));
        }
        var next = statusesAfterDelete.get(stackName);
        if (next == null || next.isEmpty()) {
            return "DELETE_COMPLETE";
        }
        return next.size() == 1 ? next.peek() : next.poll();
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
