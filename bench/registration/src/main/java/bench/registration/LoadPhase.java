package bench.registration;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Sends a list of calls from {@code threads} client threads as fast as they complete (closed loop: each thread
 * starts its next call when the previous one returns) and records every call's latency in microseconds.
 */
final class LoadPhase {

    /**
     * @param outcomes per call, in list order: what it returned, or the RuntimeException it threw
     * @param wallNanos from the moment all threads were released until the last call returned
     * @param processCpuNanos CPU time of the whole JVM meanwhile: client threads, GC, JIT
     * @param clientCpuNanos  CPU time of the client threads alone (the service and the SDK clients)
     * @param motoCpuNanos    CPU time of the moto server process meanwhile (its own process, not this JVM)
     * @param gcMillis        time the collectors report spent meanwhile
     */
    record Result(String name, int threads, long wallNanos, Histogram micros, List<Object> outcomes,
                  long processCpuNanos, long clientCpuNanos, long motoCpuNanos, long gcMillis) {

        double perSecond() {
            return outcomes.size() / (wallNanos / 1e9);
        }

        double millisAt(double percentile) {
            return micros.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return micros.getMaxValue() / 1000.0;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    // testsupport.Moto starts the server as a child of this JVM (python3 .../moto_server.py).
    private static volatile ProcessHandle moto;

    private LoadPhase() {
    }

    static <T> Result run(String name, List<T> items, int threads, Function<T, Object> call) throws InterruptedException {
        Object[] outcomes = new Object[items.size()];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Histogram> perThread = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        AtomicLong clientCpu = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(60_000_000L, 3);
            perThread.add(histogram);
            Thread worker = new Thread(() -> {
                ready.countDown();
                awaitQuietly(go);
                long cpuAtStart = THREADS.getCurrentThreadCpuTime();
                for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                    long started = System.nanoTime();
                    Object outcome;
                    try {
                        outcome = call.apply(items.get(i));
                    } catch (RuntimeException e) {
                        outcome = e;
                    }
                    histogram.recordValue(Math.min((System.nanoTime() - started) / 1_000, 60_000_000L));
                    outcomes[i] = outcome;
                }
                clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuAtStart);
            }, name + "-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long processCpuAtStart = PROCESS.getProcessCpuTime();
        long motoCpuAtStart = motoCpuNanos();
        long gcAtStart = gcMillis();
        long started = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long wall = System.nanoTime() - started;
        long processCpu = PROCESS.getProcessCpuTime() - processCpuAtStart;
        long motoCpu = motoCpuNanos() - motoCpuAtStart;
        Histogram all = new Histogram(60_000_000L, 3);
        perThread.forEach(all::add);
        return new Result(name, threads, wall, all, Arrays.asList(outcomes), processCpu, clientCpu.get(),
                motoCpu, gcMillis() - gcAtStart);
    }

    /** CPU time the moto server has used so far (user + system, clock-tick resolution). */
    static long motoCpuNanos() {
        if (moto == null) {
            moto = ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains("moto_server.py")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no moto server among this JVM's children"));
        }
        return moto.info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
