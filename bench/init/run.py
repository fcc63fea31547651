#!/usr/bin/env python3
"""Cold start per jar (issue #18): every Lambda handler from a fresh JVM (the Java 17 runtime's flags, 1024 MB) to its
first handled event, run from the single functions jar built at OLD (default 9ed1c6c, the last commit before lambda-src
became one jar per family) and from its family's jar on its runtime layer's jar (as Lambda runs it: the function's jar,
then the layer's java/lib) built from the work tree, against an empty handler measured in the same run; and each jar's
and layer's size and class count. See bench/README.md ("Init cost").
Usage: bench/init/run.py [rounds=5]   (env: OLD=<git ref whose lambda-src builds target/saas-functions.jar>;
TRACING=1 also times the X-Ray and OpenTelemetry SDKs alone, issue #17's second table; NEW_BUILD=0 reuses the family
jars already in lambda-src/*/target instead of building them first)."""
import json, os, pathlib, re, shutil, socket, statistics, subprocess, sys, tarfile, io, time, urllib.request, zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = ROOT / "bench" / "init"
TARGET = HERE / "target"
LAMBDA_SRC = ROOT / "lambda-src"
EVENTS = LAMBDA_SRC / "test-support" / "src" / "main" / "resources" / "events"
CONTRACT = LAMBDA_SRC / "contract" / "src" / "main" / "java" / "contract"
M2 = pathlib.Path.home() / ".m2" / "repository"
# What Lambda's Java runtime puts on its own classpath (the function's jar brings the rest).
RUNTIME = [M2 / "com/amazonaws/aws-lambda-java-serialization/1.2.0/aws-lambda-java-serialization-1.2.0.jar",
           M2 / "joda-time/joda-time/2.15.1/joda-time-2.15.1.jar"]
# The floor's handler needs the API types, which a function's jar would otherwise bring.
FLOOR_TYPES = [M2 / "com/amazonaws/aws-lambda-java-core/1.4.0/aws-lambda-java-core-1.4.0.jar",
               M2 / "com/amazonaws/aws-lambda-java-events/3.16.1/aws-lambda-java-events-3.16.1.jar"]
MEMORY_MB = 1024  # constructs.ServiceFunction.MEMORY_MB: every function's memory
# The java17 runtime's own JVM command line (read from /proc in a running function; e.g. -XX:MaxHeapSize=445645k at
# 512 MB, i.e. 85% of the memory), minus its Log4Shell hot-patch agent and with the JDK's default CDS archive instead
# of the runtime's runtime.jsa. TieredStopAtLevel=1 is documented:
# https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html
JVM = ["java", f"-XX:MaxHeapSize={round(MEMORY_MB * 1024 * 0.85)}k", "-XX:+UseSerialGC", "-Xshare:auto",
       "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.io=ALL-UNNAMED",
       "-Djava.net.preferIPv4Stack=true"]
DEFAULT_OLD = "9ed1c6c"


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def git(*args):
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout.strip()


def families():
    """Handler class -> family module, and family module -> its layer module, read from the contract module
    (contract.Handler, contract.Family and its Layer)."""
    text = (CONTRACT / "Family.java").read_text()
    layers = dict(re.findall(r'^\s*([A-Z_0-9]+)\("([a-z0-9-]+)"\)', text, re.M))
    modules = {name: (module, layers[layer]) for name, module, layer in
               re.findall(r'^\s*([A-Z_]+)\("([a-z-]+)",\s*Layer\.([A-Z_0-9]+)\)', text, re.M)}
    handlers = re.findall(r'^\s*[A-Z_]+\(Family\.([A-Z_]+),\s*"([\w.]+)"\)', (CONTRACT / "Handler.java").read_text(),
                          re.M)
    return {cls: modules[family][0] for family, cls in handlers}, dict(modules.values())


def build_old(ref):
    """The single shaded jar at `ref`, built once into bench/init/target/old-<sha>/ (reused while it exists)."""
    sha = git("rev-parse", ref + "^{commit}")
    home = TARGET / f"old-{sha[:10]}"
    jar = home / "saas-functions.jar"
    if jar.exists():
        print(f"old jar: reusing {jar.relative_to(ROOT)}", file=sys.stderr)
        return sha, jar
    shutil.rmtree(home / "src", ignore_errors=True)
    (home / "src").mkdir(parents=True)
    # git archive, not a worktree: nothing is added to the repository's own metadata.
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", sha, "lambda-src"], check=True,
                             capture_output=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(home / "src")
    sh(["mvn", "-B", "-q", "-f", str(home / "src/lambda-src/pom.xml"), "-DskipTests", "package"])
    shutil.copy(home / "src/lambda-src/target/saas-functions.jar", jar)
    return sha, jar


def build_new(layer_of):
    """The family jars of the work tree and their layers' jars: module -> [jar, layer's jar], and layer -> zip."""
    if os.environ.get("NEW_BUILD") != "0":
        sh(["mvn", "-B", "-q", "-f", str(LAMBDA_SRC / "pom.xml"), "-DskipTests", "package"])
    zips, layer_jars = {}, {}
    for layer in sorted(set(layer_of.values())):
        zips[layer] = LAMBDA_SRC / layer / "target" / f"{layer}.zip"
        into = TARGET / "layers" / layer
        shutil.rmtree(into, ignore_errors=True)
        with zipfile.ZipFile(zips[layer]) as z:
            z.extractall(into)
        (layer_jars[layer],) = sorted((into / "java" / "lib").glob("*.jar"))
    return {m: [LAMBDA_SRC / m / "target" / f"{m}.jar", layer_jars[l]] for m, l in sorted(layer_of.items())}, zips


def jar_stats(jar):
    with zipfile.ZipFile(jar) as z:
        names = z.namelist()
    services = sorted({n.split("/")[4] for n in names
                       if n.startswith("software/amazon/awssdk/services/") and n.count("/") > 4})
    return {"bytes": jar.stat().st_size, "classes": sum(n.endswith(".class") for n in names),
            "entries": len(names), "sdk_services": services}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scenarios(endpoint):
    """(label, handler class, event, env): each first event needs nothing beyond moto's DynamoDB (the tables do not
    exist: ResourceNotFound, which the SDK does not retry) or is refused before any AWS call."""
    common = {"AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
              "AWS_EC2_METADATA_DISABLED": "true", "AWS_LAMBDA_FUNCTION_NAME": "bench-fn",
              "AWS_LAMBDA_FUNCTION_VERSION": "1", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(MEMORY_MB),
              "DYNAMODB_ENDPOINT": endpoint, "SECRETSMANAGER_ENDPOINT": endpoint,
              "POWERTOOLS_METRICS_NAMESPACE": "SaaSFleet/bench", "POWERTOOLS_LOG_LEVEL": "INFO",
              # Active tracing, as every function has it: the runtime passes each invocation's trace header (the
              # X-Ray daemon address is Lambda's default; nothing listens there, UDP does not wait).
              "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}
    control = {"TENANT_DETAILS_TABLE": "TenantDetails", "TENANT_USER_MAPPING_TABLE": "TenantUserMapping",
               "TENANT_STACK_MAPPING_TABLE": "TenantStackMapping", "SETTINGS_TABLE": "Settings",
               "REGISTRATIONS_TABLE": "Registrations", "POOLED_TIER_STACKS": "BASIC=123456789012/us-east-1",
               "TIER": "CONTROL_PLANE"}
    queue = {"TENANT_ACCESS_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/tenant-access.fifo"}
    metering = {**control, "TENANT_USAGE_TABLE": "TenantUsage", "TENANT_COST_TABLE": "TenantCost",
                "STUCK_AFTER_MINUTES": "30", "COST_TAG_KEY": "TenantId", "TIER_TAG_KEY": "Tier"}
    silo = {"SHARD_COUNT": "4", "TENANT_ID": "acme", "TIER": "PLATINUM",
            "PAGE_TOKEN_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:page-tokens"}
    return [
        ("tenant authorizer (malformed token: 401)", "functions.authorizer.AuthorizerHandler", "authorizer.json",
         {"TRUSTED_POOLS": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123|3n4b5urk1ft4fl3mg5e62d9ado",
          "API_KIND": "tenant", "TENANT_API_KEYS_TABLE": "TenantApiKeys", "TIER": "BASIC",
          "POWERTOOLS_SERVICE_NAME": "tenant-authorizer"}),
        ("product (GET /products, silo)", "functions.product.ProductHandler", EVENTS / "product-list.json",
         {**silo, "TABLE_NAME": "Products", "POWERTOOLS_SERVICE_NAME": "product"}),
        ("order (GET /orders, silo)", "functions.order.OrderHandler", EVENTS / "order-list.json",
         {**silo, "TABLE_NAME": "Orders", "POWERTOOLS_SERVICE_NAME": "order"}),
        ("registration (POST /registration, bad body: 400)", "functions.registration.RegistrationHandler",
         "registration-bad.json", {**control, "REGISTRANT_POOL_ID": "us-east-1_Registrant",
                                   "POWERTOOLS_SERVICE_NAME": "registration"}),
        ("tenant-admin (GET /tenants as support)", "functions.registration.TenantAdminFunction",
         EVENTS / "tenant-list-support.json", {**control, **queue, "POWERTOOLS_SERVICE_NAME": "tenant-admin"}),
        ("tenant-user (GET /tenants/{id}/users as support)", "functions.tenants.TenantUserHandler",
         EVENTS / "tenant-user-list.json", {**control, "POWERTOOLS_SERVICE_NAME": "tenant-user"}),
        ("tenant-access (empty SQS batch)", "functions.tenants.TenantAccessHandler", "sqs-empty.json",
         {**control, **queue, "POWERTOOLS_SERVICE_NAME": "tenant-access"}),
        ("operator (GET /operators as tenant admin: 403)", "functions.operators.OperatorHandler",
         EVENTS / "operator-list-tenant-admin.json",
         {"OPERATIONS_USER_POOL_ID": "us-east-1_Operations1", "TIER": "CONTROL_PLANE",
          "POWERTOOLS_SERVICE_NAME": "operator"}),
        ("pipeline-trigger (empty batch)", "functions.pipeline.PipelineTriggerHandler", EVENTS / "stream/empty.json",
         {"PIPELINE_NAMES": "saas-fleet", "TIER": "CONTROL_PLANE", "POWERTOOLS_SERVICE_NAME": "pipeline-trigger"}),
        ("offboarder (unreadable plan: throws)", "functions.offboard.OffboardHandler", "offboard.json",
         {"BOOTSTRAP_QUALIFIER": "hnb659fds", "MAX_DELETIONS": "5", "ENVIRONMENTS_TABLE": "Environments",
          "CATALOG_TABLE": "Catalog", "TIER": "CONTROL_PLANE", "POWERTOOLS_SERVICE_NAME": "offboarder"}),
        ("usage-collector (schedule)", "functions.metering.UsageCollectorHandler", "schedule.json",
         {**metering, "POWERTOOLS_SERVICE_NAME": "usage-collector"}),
        ("cost-allocator (schedule)", "functions.metering.CostAllocatorHandler", "schedule.json",
         {**metering, "POWERTOOLS_SERVICE_NAME": "cost-allocator"}),
        ("metering API (GET /tenants/{id}/usage)", "functions.metering.MeteringHandler",
         EVENTS / "metering-usage-tenant-admin.json", {**metering, "POWERTOOLS_SERVICE_NAME": "metering"}),
        ("onboarding-watch (schedule)", "functions.metering.OnboardingWatchHandler", "schedule.json",
         {**metering, "POWERTOOLS_SERVICE_NAME": "onboarding-watch"}),
    ], common


def write_events():
    (TARGET / "authorizer.json").write_text(json.dumps({"type": "TOKEN", "authorizationToken": "Bearer not-a-jwt",
        "methodArn": "arn:aws:execute-api:us-east-1:222222222222:a1b2c3d4e5/prod/GET/products"}))
    event = json.loads((EVENTS / "registration-create.json").read_text())
    event["body"] = "{"
    (TARGET / "registration-bad.json").write_text(json.dumps(event))
    (TARGET / "offboard.json").write_text("{}")
    (TARGET / "sqs-empty.json").write_text(json.dumps({"Records": []}))
    # EventBridge's scheduled event (no "day" field: the handlers take the day from the clock).
    (TARGET / "schedule.json").write_text(json.dumps({
        "version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
        "source": "aws.events", "account": "123456789012", "time": "2026-12-07T01:00:00Z", "region": "us-east-1",
        "resources": ["arn:aws:events:us-east-1:123456789012:rule/bench"], "detail": {}}))


def first_event(classpath, handler, event, env):
    cp = os.pathsep.join([str(TARGET / "classes")] + [str(p) for p in classpath])
    event = event if isinstance(event, pathlib.Path) else TARGET / event
    proc = subprocess.run(JVM + ["-cp", cp, "bench.init.FirstEvent", handler, str(event)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr.splitlines():
        if line.startswith("FIRST_EVENT_MS"):
            _, ms, cpu, outcome = line.split(" ", 3)
            return (int(ms), int(cpu)), outcome
    raise RuntimeError(f"{handler} printed no FIRST_EVENT_MS:\n{proc.stderr[-3000:]}")


def tracing_rounds(rounds):
    """Median fresh-JVM time to one annotated span per tracer (bench/init/tracing)."""
    project = HERE / "tracing"
    sh(["mvn", "-B", "-q", "-f", str(project / "pom.xml"), "compile", "dependency:build-classpath",
        "-Dmdep.outputFile=target/classpath.txt"])
    cp = os.pathsep.join([str(project / "target/classes"), (project / "target/classpath.txt").read_text().strip()])
    times = {}
    for _ in range(rounds):
        for mode in ("none", "xray", "otel"):
            proc = subprocess.run(JVM + ["-cp", cp, "bench.tracing.TraceInit", mode], capture_output=True, text=True)
            line = next(l for l in proc.stderr.splitlines() if l.startswith("FIRST_SPAN_MS"))
            times.setdefault(mode, []).append(int(line.split()[1]))
    print("tracing raw:", json.dumps(times), file=sys.stderr)
    return {mode: statistics.median(v) for mode, v in times.items()}


def start_moto():
    port = free_port()
    moto = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1)
            return moto, f"http://127.0.0.1:{port}"
        except Exception:
            time.sleep(0.1)
    moto.terminate()
    raise RuntimeError("moto did not start")


def load():
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


# Entry points that moved since the old jar's commit (new class -> the class that was the handler then).
OLD_CLASS = {"functions.registration.TenantAdminFunction": "functions.tenants.TenantAdminHandler"}


def measure(rounds, old_jar, new_jars, family_of):
    """One fresh JVM per (round, handler, side); old and new of a handler run back to back, their order alternating,
    so a load change between them hits both sides alike; the floor opens each round."""
    moto, endpoint = start_moto()
    results, outcomes = {}, {}
    try:
        cases, common = scenarios(endpoint)
        env = {**os.environ, **common}
        for r in range(rounds):
            times, _ = first_event(FLOOR_TYPES + RUNTIME, "floor", EVENTS / "product-list.json", env)
            results.setdefault("floor", []).append(times)
            for i, (name, handler, event, extra) in enumerate(cases):
                jars = {"old": [old_jar], "new": new_jars[family_of[handler]]}
                for side in (("old", "new") if (r + i) % 2 == 0 else ("new", "old")):
                    cls = OLD_CLASS.get(handler, handler) if side == "old" else handler
                    times, outcome = first_event(jars[side] + RUNTIME, cls, event, {**env, **extra})
                    results.setdefault((side, name), []).append(times)
                    outcomes.setdefault((side, name), set()).add(outcome)
            print(f"round {r + 1}/{rounds} done, load {load()}", file=sys.stderr)
    finally:
        moto.terminate()
        moto.wait()
    return cases, results, outcomes


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    TARGET.mkdir(parents=True, exist_ok=True)
    family_of, layer_of = families()
    old_sha, old_jar = build_old(os.environ.get("OLD") or DEFAULT_OLD)
    new_jars, layer_zips = build_new(layer_of)
    (TARGET / "classes").mkdir(exist_ok=True)
    sh(["javac", "-d", str(TARGET / "classes"), "-cp", os.pathsep.join(str(p) for p in FLOOR_TYPES + RUNTIME),
        str(HERE / "src/bench/init/FirstEvent.java")])
    write_events()
    load_before = load()
    started = time.time()
    cases, results, outcomes = measure(rounds, old_jar, new_jars, family_of)
    load_after = load()
    tracing = tracing_rounds(rounds) if os.environ.get("TRACING") == "1" else None
    head = git("rev-parse", "--short=10", "HEAD")
    dirty = " (+ uncommitted changes)" if git("status", "--porcelain", "--", "lambda-src") else ""
    print(f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: OLD={old_sha[:10]} (one jar), NEW=work tree at "
          f"{head}{dirty} (family jars on their layers), {rounds} rounds in {time.time() - started:.0f} s, load average (1/5/15 min) "
          f"{load_before} before, {load_after} after\nJVM: {' '.join(JVM[1:])}")
    for i, what in ((0, "wall ms, JVM start to handled event"), (1, "CPU ms of the JVM (all threads) to then")):
        med = {k: statistics.median(t[i] for t in v) for k, v in results.items()}
        floor = med["floor"]
        print(f"\n{what}; new / old = median over the rounds of the back-to-back pair's ratio\n")
        print("| handler (first event) | family | old | new | new − old | new / old | old / floor | new / floor |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for name, handler, *_ in cases:
            o, n = med[("old", name)], med[("new", name)]
            paired = statistics.median(b[i] / a[i] for a, b in zip(results[("old", name)], results[("new", name)]))
            print(f"| {name} | {family_of[handler]} | {o:.0f} | {n:.0f} | {n - o:+.0f} | {paired:.2f} | "
                  f"{o / floor:.2f} | {n / floor:.2f} |")
        print(f"| floor (empty handler, API Gateway event, no function jar) | | {floor:.0f} | {floor:.0f} | | | 1.00 | "
              f"1.00 |")
    print("\n| jar | bytes | MB | classes | entries | AWS SDK service modules |")
    print("|---|---:|---:|---:|---:|---|")
    for label, jar in [(f"old: saas-functions.jar at {old_sha[:7]} (every function)", old_jar)] + [
            (f"new: {m}.jar (on {layer_of[m]})", j[0]) for m, j in new_jars.items()] + [
            (f"new: layer {l}.zip", z) for l, z in layer_zips.items()] + [
            (f"new: its java/lib/{l}.jar", new_jars[next(m for m in layer_of if layer_of[m] == l)][1])
            for l in layer_zips]:
        s = jar_stats(jar)
        print(f"| {label} | {s['bytes']:,} | {s['bytes'] / 1e6:.1f} | {s['classes']:,} | {s['entries']:,} | "
              f"{', '.join(s['sdk_services'])} |")
    if tracing:
        print("\n| tracer (fresh JVM to one span annotated TenantId, Tier sent) | ms | − floor |")
        print("|---|---:|---:|")
        for mode, label in (("xray", "AWS X-Ray SDK 2.18.2 (subsegment, UDP daemon)"),
                            ("otel", "OpenTelemetry SDK 1.68.0 + OTLP/HTTP exporter"), ("none", "floor (no tracer)")):
            print(f"| {label} | {tracing[mode]:.0f} | {tracing[mode] - tracing['none']:+.0f} |")
    differ = {name for name, *_ in cases if outcomes[("old", name)] != outcomes[("new", name)]}
    print("\noutcomes (old | new):")
    for name, *_ in cases:
        print(f"  {name}: {', '.join(sorted(outcomes[('old', name)]))} | {', '.join(sorted(outcomes[('new', name)]))}")
    if differ:
        print("NOTE: old and new ended these first events differently:", sorted(differ))
    print("raw [wall ms, CPU ms]:", json.dumps({k if isinstance(k, str) else f"{k[0]} {k[1]}": v
                                                 for k, v in results.items()}))


if __name__ == "__main__":
    main()
