package bench.registration;

import functions.registration.RegistrationService;
import functions.tenants.ControlPlane;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The load test: warm-up, then N registrations from C client threads, single-operation phases, a replay burst (same Idempotency-Key and
 * body again) and a duplicate-name burst (409s), each measured; then the stored state is checked. Exit status 1 if
 * any check fails. Usage: {@code RegistrationBench [-n N] [-w WARMUP] [-c THREADS] [-p PLATINUM_EVERY]
 * [-r REPLAYS] [-d DUPLICATES] [-f FLOOR_CALLS]}. The single-operation phases ({@link Floors}) measure each kind of call a
 * registration makes alone, under the same concurrency: what a registration made of such calls stands on.
 */
public final class RegistrationBench {

    record Options(int registrations, int warmup, int threads, int platinumEvery, int replays, int duplicates,
                   int floorCalls) {

        static Options parse(String[] args) {
            int n = 5000;
            int w = 500;
            int c = 8;
            int p = 20;
            int r = 500;
            int d = 500;
            int f = 2000;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                int value = Integer.parseInt(args[i + 1]);
                switch (args[i]) {
                    case "-n" -> n = value;
                    case "-w" -> w = value;
                    case "-c" -> c = value;
                    case "-p" -> p = value;
                    case "-r" -> r = value;
                    case "-d" -> d = value;
                    case "-f" -> f = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: -n -w -c -p -r -d -f)");
                }
            }
            if (n < 1 || c < 1 || w < 0 || p < 0 || r < 0 || d < 0 || f < 0 || r > n || d > n) {
                throw new IllegalArgumentException("need n >= 1, c >= 1, w/p/r/d/f >= 0 and r, d <= n");
            }
            return new Options(n, w, c, p, r, d, f);
        }
    }

    private RegistrationBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Verification verification = new Verification();
        try (LocalDynamo dynamo = LocalDynamo.start()) {
            BenchUserDirectory directory = new BenchUserDirectory();
            BenchApiKeys apiKeys = new BenchApiKeys();
            RegistrationService service = RegistrationService.create(
                    new ControlPlane(dynamo.config(), dynamo.client(),
                            new BenchStacks(dynamo.tierStacks(), directory, apiKeys, dynamo.client()), Clock.systemUTC()));
            System.out.printf(Locale.ROOT, "registration bench: n=%d warmup=%d threads=%d platinumEvery=%d"
                            + " replays=%d duplicates=%d floorCalls=%d, %d CPUs%n", options.registrations(), options.warmup(),
                    options.threads(), options.platinumEvery(), options.replays(), options.duplicates(), options.floorCalls(),
                    Runtime.getRuntime().availableProcessors());

            List<Workload.Registration> warmup = Workload.registrations("w", 0, options.warmup(), options.platinumEvery());
            LoadPhase.Result warm = LoadPhase.run("warmup", warmup, options.threads(), r -> register(service, r));
            verification.views("warmup", warmup, warm.outcomes());
            print(warm, null);

            List<Workload.Registration> main = Workload.registrations("m", 0, options.registrations(),
                    options.platinumEvery());
            DynamoCallCounter.reset();
            LoadPhase.Result measured = LoadPhase.run("register", main, options.threads(), r -> register(service, r));
            var calls = DynamoCallCounter.snapshot();
            verification.views("register", main, measured.outcomes());
            print(measured, calls);

            Floors floors = new Floors(dynamo.client());
            for (var floor : floors.operations().entrySet()) {
                DynamoCallCounter.reset();
                print(LoadPhase.run(floor.getKey(), IntStream.range(0, options.floorCalls()).boxed().toList(),
                        options.threads(), i -> floor.getValue().apply(i)), DynamoCallCounter.snapshot());
            }

            List<Workload.Registration> replayed = main.subList(0, options.replays());
            DynamoCallCounter.reset();
            LoadPhase.Result replay = LoadPhase.run("replay", replayed, options.threads(), r -> register(service, r));
            print(replay, DynamoCallCounter.snapshot());
            verification.replays(measured.outcomes(), replay.outcomes());

            List<Workload.Registration> duplicates = Workload.sameNames(main, options.duplicates());
            DynamoCallCounter.reset();
            LoadPhase.Result conflicts = LoadPhase.run("dup-name-409", duplicates, options.threads(),
                    r -> register(service, r));
            print(conflicts, DynamoCallCounter.snapshot());
            verification.conflicts(conflicts.outcomes());

            List<Workload.Registration> all = new ArrayList<>(warmup);
            all.addAll(main);
            verification.stored(dynamo, all, directory, apiKeys);
            System.out.println("stored: " + verification.summary());
            System.out.printf(Locale.ROOT, "RESULT threads=%d n=%d perSecond=%.1f p50=%.2f p90=%.2f p99=%.2f"
                            + " max=%.2f ok=%s%n", options.threads(), options.registrations(), measured.perSecond(),
                    measured.millisAt(50), measured.millisAt(90), measured.millisAt(99), measured.maxMillis(),
                    verification.failures().isEmpty());
        }
        if (!verification.failures().isEmpty()) {
            verification.failures().forEach(f -> System.out.println("CHECK FAILED: " + f));
            System.exit(1);
        }
        System.out.println("checks passed");
        // DynamoDB Local leaves non-daemon threads behind.
        System.exit(0);
    }

    private static Object register(RegistrationService service, Workload.Registration registration) {
        return service.register(registration.idempotencyKey(), registration.input());
    }

    private static void print(LoadPhase.Result result, Map<String, DynamoCallCounter.Operation> calls) {
        int n = result.outcomes().size();
        System.out.printf(Locale.ROOT, "%-13s %6d calls  %3d threads  %8.1f /s  p50 %7.2f  p90 %7.2f  p99 %7.2f"
                        + "  max %8.2f ms%n", result.name(), n, result.threads(), result.perSecond(),
                result.millisAt(50), result.millisAt(90), result.millisAt(99), result.maxMillis());
        if (calls == null || n == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "    CPU per call: %.2f ms in the JVM, of which %.2f ms on the client threads"
                        + " (service, SDK client, doubles) and %.2f ms elsewhere (DynamoDB Local, GC, JIT);"
                        + " JVM used %.2f of %d cores; GC %.2f ms per call%n", result.processCpuNanos() / 1e6 / n,
                result.clientCpuNanos() / 1e6 / n, (result.processCpuNanos() - result.clientCpuNanos()) / 1e6 / n,
                result.processCpuNanos() / (double) result.wallNanos(), Runtime.getRuntime().availableProcessors(),
                result.gcMillis() / (double) n);
        double dynamoMicros = 0;
        long total = 0;
        for (var entry : calls.entrySet()) {
            var op = entry.getValue();
            long count = op.calls.sum();
            total += count;
            dynamoMicros += op.micros.getMean() * op.micros.getTotalCount();
            System.out.printf(Locale.ROOT, "    %-20s %6.2f per call  attempts %6d  failed %6d  p50 %6.2f"
                            + "  p99 %7.2f ms%n", entry.getKey(), count / (double) n, op.attempts.sum(),
                    op.failures.sum(), op.micros.getValueAtPercentile(50) / 1000.0,
                    op.micros.getValueAtPercentile(99) / 1000.0);
        }
        double callMillis = result.micros().getMean() / 1000.0;
        System.out.printf(Locale.ROOT, "    DynamoDB: %.2f calls per call; %.2f of the mean %.2f ms spent waiting on"
                + " DynamoDB (%.0f%%)%n", total / (double) n, dynamoMicros / n / 1000.0, callMillis,
                100.0 * dynamoMicros / n / 1000.0 / callMillis);
    }
}
