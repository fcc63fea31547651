package bench.registration;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One side of the measured phase (the service's registrations, or the floor's replays of them) added up over its
 * blocks: calls, wall time, latency, CPU of the client threads, of the whole JVM and of moto, and its AWS calls.
 */
final class Totals {

    final String name;
    final AwsCallMeter.Meter meter = new AwsCallMeter.Meter();
    final Histogram micros = new Histogram(60_000_000L, 3);
    int calls;
    int threads;
    long wallNanos;
    long clientCpuNanos;
    long processCpuNanos;
    long motoCpuNanos;
    long gcMillis;

    Totals(String name) {
        this.name = name;
    }

    void add(LoadPhase.Result block) {
        calls += block.outcomes().size();
        threads = block.threads();
        wallNanos += block.wallNanos();
        clientCpuNanos += block.clientCpuNanos();
        processCpuNanos += block.processCpuNanos();
        motoCpuNanos += block.motoCpuNanos();
        gcMillis += block.gcMillis();
        micros.add(block.micros());
    }

    double perSecond() {
        return calls / (wallNanos / 1e9);
    }

    double millisAt(double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    double perCallMillis(long nanos) {
        return nanos / 1e6 / calls;
    }

    /** CPU the client threads spent inside SDK calls, per call of this side, by service. */
    Map<String, Double> sdkCpuMillisByService() {
        Map<String, Double> byService = new TreeMap<>();
        meter.operations().forEach((name, op) -> byService.merge(name.substring(0, name.indexOf(' ')),
                op.cpuNanos.sum() / 1e6 / calls, Double::sum));
        return byService;
    }

    double sdkCpuMillis() {
        return sdkCpuMillisByService().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    void print() {
        System.out.printf(Locale.ROOT, "%-13s %6d calls  %3d threads  %8.1f /s  p50 %7.2f  p90 %7.2f  p99 %7.2f"
                        + "  max %8.2f ms%n", name, calls, threads, perSecond(), millisAt(50), millisAt(90),
                millisAt(99), micros.getMaxValue() / 1000.0);
        System.out.printf(Locale.ROOT, "    CPU per call: client threads %.2f ms (in SDK calls %.2f: %s; outside them"
                        + " %.2f), whole JVM %.2f ms, moto %.2f ms; JVM used %.2f cores, moto %.2f; GC %.2f ms per"
                        + " call%n", perCallMillis(clientCpuNanos), sdkCpuMillis(), bySdk(),
                perCallMillis(clientCpuNanos) - sdkCpuMillis(), perCallMillis(processCpuNanos),
                perCallMillis(motoCpuNanos), processCpuNanos / (double) wallNanos, motoCpuNanos / (double) wallNanos,
                gcMillis / (double) calls);
        long total = 0;
        double waitingMicros = 0;
        for (var entry : meter.operations().entrySet()) {
            var op = entry.getValue();
            long count = op.calls.sum();
            total += count;
            waitingMicros += op.micros.getMean() * op.micros.getTotalCount();
            System.out.printf(Locale.ROOT, "    %-45s %5.2f per call  attempts %6d  failed %6d  p50 %6.2f  p99 %7.2f ms"
                            + "  SDK CPU %5.3f ms  request %5.0f B%s%n", entry.getKey(), count / (double) calls,
                    op.attempts.sum(), op.failures.sum(), op.micros.getValueAtPercentile(50) / 1000.0,
                    op.micros.getValueAtPercentile(99) / 1000.0, op.cpuNanos.sum() / 1e6 / Math.max(count, 1),
                    op.requestBytes.sum() / (double) Math.max(op.attempts.sum(), 1),
                    op.errorStatuses.isEmpty() ? "" : "  HTTP " + new TreeMap<>(op.errorStatuses));
        }
        double meanMillis = micros.getMean() / 1000.0;
        System.out.printf(Locale.ROOT, "    AWS: %.2f calls per call; %.2f of the mean %.2f ms spent waiting on them"
                        + " (%.0f%%)%n", total / (double) calls, waitingMicros / calls / 1000.0, meanMillis,
                100.0 * waitingMicros / calls / 1000.0 / meanMillis);
    }

    private String bySdk() {
        StringBuilder text = new StringBuilder();
        sdkCpuMillisByService().forEach((service, millis) -> text.append(text.length() == 0 ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f", service, millis)));
        return text.toString();
    }
}
