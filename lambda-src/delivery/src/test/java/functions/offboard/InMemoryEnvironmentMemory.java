package functions.offboard;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** Environment memory for the rule tests (DynamoDbEnvironmentMemoryTest covers the table on moto's DynamoDB). */
final class InMemoryEnvironmentMemory implements EnvironmentMemory {

    final Set<Env> environments = new TreeSet<>();
    boolean unreadable;

    InMemoryEnvironmentMemory with(Env... remembered) {
        environments.addAll(Set.of(remembered));
        return this;
    }

    @Override
    public Set<Env> recall() {
        if (unreadable) {
            throw new IllegalStateException("environments table unreadable");
        }
        return new TreeSet<>(environments);
    }

    @Override
    public void remember(Collection<Env> added) {
        environments.addAll(added);
    }

    @Override
    public void forget(Env environment) {
        environments.remove(environment);
    }
}
