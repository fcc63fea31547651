package bench.registration;

import functions.provisioning.AssumedRoleStacks;
import functions.provisioning.PooledTierStacks;
import functions.provisioning.StackClients;
import functions.provisioning.StackCredentials;
import functions.registration.RegistrationService;
import functions.shared.DynamoDbClientFactory;
import functions.tenants.ControlPlane;
import functions.tenants.ControlPlaneConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import testsupport.Moto;

/**
 * The load test: the registration saga of the function, on moto, against a floor measured in the same run. Usage:
 * {@code RegistrationBench [-n N] [-w WARMUP] [-c THREADS] [-p PLATINUM_EVERY] [-b BLOCKS] [-r REPLAYS]
 * [-d DUPLICATES]}.
 *
 * <ol>
 *   <li>warm-up: {@code -w} registrations, each replayed into the floor's fleet (JIT, connections, both fleets);</li>
 *   <li>measured: {@code -n} registrations in {@code -b} blocks; after each block of registrations the floor replays
 *       that block's recorded AWS calls ({@link CallReplay}) from as many threads. Alternating blocks give both
 *       sides the same machine load and the same amount of state in moto (moto's Cognito and API Gateway scan
 *       every user and key of a pool or account per call, so cost grows with state);</li>
 *   <li>a replay burst (same Idempotency-Key and body again: same answer) and a duplicate-name burst (409s), each
 *       from one thread;</li>
 *   <li>the end-of-run checks ({@link Verification}); exit status 1 if any fails.</li>
 * </ol>
 *
 * It prints (a) registrations/s ÷ floor replays/s, goal at least {@value #RATIO_GOAL}, and (b) the client threads'
 * CPU per registration (ThreadMXBean; moto is another process), goal at most {@value #CPU_GOAL_MILLIS} ms.
 */
public final class RegistrationBench {

    static final double RATIO_GOAL = 0.8;
    static final double CPU_GOAL_MILLIS = 5.0;
    /** The service's fleet: control plane in moto's default account, tier stacks in another. */
    static final String TIER_ACCOUNT = "222222222222";
    /** The floor's fleet, in accounts of its own. */
    static final String FLOOR_CONTROL_PLANE_ACCOUNT = "444444444444";
    static final String FLOOR_TIER_ACCOUNT = "555555555555";

    record Options(int registrations, int warmup, int threads, int platinumEvery, int blocks, int replays,
                   int duplicates) {

        static Options parse(String[] args) {
            int n = 300;
            int w = 100;
            int c = 1;
            int p = 20;
            int b = 10;
            int r = 50;
            int d = 50;
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
                    case "-b" -> b = value;
                    case "-r" -> r = value;
                    case "-d" -> d = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (known: -n -w -c -p -b -r -d)");
                }
            }
            if (n < 1 || c < 1 || w < 0 || p < 0 || b < 1 || b > n || r < 0 || d < 0 || r > n || d > n) {
                throw new IllegalArgumentException("need n >= 1, c >= 1, 1 <= b <= n, w/p/r/d >= 0 and r, d <= n");
            }
            return new Options(n, w, c, p, b, r, d);
        }
    }

    private RegistrationBench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Moto moto = Moto.get();
        MotoFleet fleet = MotoFleet.create(Moto.ACCOUNT, TIER_ACCOUNT);
        MotoFleet floorFleet = MotoFleet.create(FLOOR_CONTROL_PLANE_ACCOUNT, FLOOR_TIER_ACCOUNT);
        RegistrationService service = service(fleet, moto);
        CallReplay floor = new CallReplay(fleet, floorFleet);
        Verification verification = new Verification();
        System.out.printf(Locale.ROOT, "registration bench on moto %s (started in %d ms): n=%d warmup=%d threads=%d"
                        + " platinumEvery=%d blocks=%d replays=%d duplicates=%d, %d CPUs%n", Moto.VERSION,
                moto.startupTime().toMillis(), options.registrations(), options.warmup(), options.threads(),
                options.platinumEvery(), options.blocks(), options.replays(), options.duplicates(),
                Runtime.getRuntime().availableProcessors());

        List<Workload.Registration> warmup = Workload.registrations("w", 0, options.warmup(), options.platinumEvery());
        Totals warmService = new Totals("warmup");
        Totals warmFloor = new Totals("warmup-floor");
        List<Object> warmOutcomes = measured(service, floor, warmup, 1, options.threads(), warmService, warmFloor,
                verification);
        verification.views("warmup", warmup, warmOutcomes);
        warmService.print();

        List<Workload.Registration> main = Workload.registrations("m", 0, options.registrations(),
                options.platinumEvery());
        Totals registrations = new Totals("register");
        Totals replays = new Totals("replay-floor");
        List<Object> outcomes = measured(service, floor, main, options.blocks(), options.threads(), registrations,
                replays, verification);
        verification.views("register", main, outcomes);
        registrations.print();
        replays.print();

        List<Workload.Registration> replayed = main.subList(0, options.replays());
        AwsCallMeter.meterInto(new AwsCallMeter.Meter());
        // The two bursts are checks, sent from one thread: their transactions are cancelled, and moto (5.2.1)
        // applies a transaction's writes, then on cancellation puts back deep copies of the whole tables it took
        // first, so concurrent cancelled transactions break each other's copies (HTTP 500, retried by the SDK;
        // one 409 of a 4-thread burst failed after 9 attempts).
        LoadPhase.Result replay = LoadPhase.run("replay", replayed, 1, r -> register(service, r));
        printPhase(replay);
        verification.replays(outcomes, replay.outcomes());

        List<Workload.Registration> duplicates = Workload.sameNames(main, options.duplicates());
        LoadPhase.Result conflicts = LoadPhase.run("dup-name-409", duplicates, 1, r -> register(service, r));
        printPhase(conflicts);
        verification.conflicts(conflicts.outcomes());

        List<Workload.Registration> all = new ArrayList<>(warmup);
        all.addAll(main);
        verification.stored(fleet, all);
        verification.sameState(fleet, floorFleet);
        System.out.println("stored: " + verification.summary());

        double ratio = registrations.perSecond() / replays.perSecond();
        double cpu = registrations.perCallMillis(registrations.clientCpuNanos);
        double floorCpu = replays.perCallMillis(replays.clientCpuNanos);
        double dynamoCpu = registrations.sdkCpuMillisByService().getOrDefault("DynamoDb", 0.0);
        double ownCpu = cpu - registrations.sdkCpuMillis();
        System.out.printf(Locale.ROOT, "RATIO registrations/s %.1f / floor replays/s %.1f = %.2f  (goal >= %.1f: %s)%n",
                registrations.perSecond(), replays.perSecond(), ratio, RATIO_GOAL, ratio >= RATIO_GOAL ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "CPU client threads per registration %.2f ms  (goal <= %.1f ms: %s); of which"
                        + " SDK calls %.2f (DynamoDB %.2f) and the service outside SDK calls %.2f; the floor's replay"
                        + " of the same calls %.2f ms, so the service costs %.2f ms above its calls%n", cpu,
                CPU_GOAL_MILLIS, cpu <= CPU_GOAL_MILLIS ? "met" : "MISSED", registrations.sdkCpuMillis(), dynamoCpu,
                ownCpu, floorCpu, cpu - floorCpu);
        System.out.printf(Locale.ROOT, "RESULT threads=%d n=%d perSecond=%.1f floorPerSecond=%.1f ratio=%.2f"
                        + " clientCpuMs=%.2f floorClientCpuMs=%.2f outsideSdkCpuMs=%.2f p50=%.2f p99=%.2f ok=%s%n",
                options.threads(), options.registrations(), registrations.perSecond(), replays.perSecond(), ratio, cpu,
                floorCpu, ownCpu, registrations.millisAt(50), registrations.millisAt(99),
                verification.failures().isEmpty());
        if (!verification.failures().isEmpty()) {
            verification.failures().forEach(f -> System.out.println("CHECK FAILED: " + f));
            System.exit(1);
        }
        System.out.println("checks passed");
    }

    /**
     * The service as RegistrationHandler builds it ({@code ControlPlane.fromEnvironment}): DynamoDB client from the
     * production factory (default credentials chain), the tier stacks through {@link AssumedRoleStacks} (STS, then
     * CloudFormation outputs and the Cognito, API Gateway and DynamoDB clients of each stack), all at moto.
     */
    private static RegistrationService service(MotoFleet fleet, Moto moto) {
        // The default credentials chain reads these first: the service acts in moto's default account.
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        Clock clock = Clock.systemUTC();
        ControlPlaneConfig config = new ControlPlaneConfig(MotoFleet.TENANT_DETAILS, MotoFleet.TENANT_USER_MAPPING,
                MotoFleet.TENANT_STACK_MAPPING, MotoFleet.SETTINGS, MotoFleet.REGISTRATIONS,
                PooledTierStacks.parse(fleet.pooledTierStacks()), MotoFleet.REGION,
                ControlPlaneConfig.DEFAULT_FUNCTION_NAME, Optional.of(moto.endpoint()));
        StackClients stackClients = StackClients.create(Optional.of(moto.endpoint()));
        StsClient sts = StsClient.builder().httpClient(stackClients.jdkHttp()).region(Region.of(config.region()))
                .endpointOverride(moto.endpoint()).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
        return RegistrationService.create(new ControlPlane(config,
                DynamoDbClientFactory.create(config.region(), config.dynamoDbEndpoint()),
                new AssumedRoleStacks(new StackCredentials(sts, config.functionName(), clock), stackClients, clock),
                clock));
    }

    /**
     * {@code registrations} in {@code blocks}, each block's recorded calls replayed into the floor's fleet right
     * after it; the service's outcomes in order. A replayed call that ends otherwise than recorded fails the checks.
     */
    private static List<Object> measured(RegistrationService service, CallReplay floor,
                                         List<Workload.Registration> registrations, int blocks, int threads,
                                         Totals serviceTotals, Totals floorTotals, Verification verification)
            throws InterruptedException {
        List<Object> outcomes = new ArrayList<>();
        AtomicInteger differing = new AtomicInteger();
        for (int b = 0; b < blocks; b++) {
            List<Workload.Registration> block = registrations.subList(registrations.size() * b / blocks,
                    registrations.size() * (b + 1) / blocks);
            List<List<AwsCallMeter.Call>> recorded = new ArrayList<>(Collections.nCopies(block.size(),
                    List.<AwsCallMeter.Call>of()));
            List<Integer> indexes = IntStream.range(0, block.size()).boxed().toList();
            AwsCallMeter.meterInto(serviceTotals.meter);
            LoadPhase.Result served = LoadPhase.run(serviceTotals.name, indexes, threads, i -> {
                AwsCallMeter.startRecording();
                try {
                    return register(service, block.get(i));
                } finally {
                    recorded.set(i, AwsCallMeter.stopRecording());
                }
            });
            serviceTotals.add(served);
            outcomes.addAll(served.outcomes());
            AwsCallMeter.meterInto(floorTotals.meter);
            LoadPhase.Result replayed = LoadPhase.run(floorTotals.name, indexes, threads, i -> {
                int differs = floor.replay(recorded.get(i));
                differing.addAndGet(differs);
                return differs;
            });
            floorTotals.add(replayed);
            if (blocks > 1) {
                // The trend across blocks shows whether the JIT was warm and the machine steady.
                System.out.printf(Locale.ROOT, "  block %2d: %-13s %6.1f /s  client CPU %6.2f ms | %-13s %6.1f /s"
                                + "  client CPU %6.2f ms | ratio %.2f%n", b + 1, serviceTotals.name, perSecond(served),
                        cpuMillis(served), floorTotals.name, perSecond(replayed), cpuMillis(replayed),
                        perSecond(served) / perSecond(replayed));
            }
        }
        verification.floorReplayed(floorTotals.name, differing.get());
        return outcomes;
    }

    private static double perSecond(LoadPhase.Result result) {
        return result.outcomes().size() / (result.wallNanos() / 1e9);
    }

    private static double cpuMillis(LoadPhase.Result result) {
        return result.clientCpuNanos() / 1e6 / result.outcomes().size();
    }

    private static Object register(RegistrationService service, Workload.Registration registration) {
        return service.register(registration.idempotencyKey(), registration.input());
    }

    private static void printPhase(LoadPhase.Result result) {
        Totals totals = new Totals(result.name());
        totals.add(result);
        System.out.printf(Locale.ROOT, "%-13s %6d calls  %3d threads  %8.1f /s  p50 %7.2f  p99 %7.2f ms; client CPU"
                        + " %.2f ms per call%n", result.name(), totals.calls, result.threads(), totals.perSecond(),
                totals.millisAt(50), totals.millisAt(99), totals.perCallMillis(totals.clientCpuNanos));
    }
}
