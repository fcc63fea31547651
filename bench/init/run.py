#!/usr/bin/env python3
"""Init cost of each Lambda handler: a fresh JVM (Lambda's flags) to its first handled event, for the functions jar
built at BEFORE (default: the merge-base with main) and at the work tree, against an empty handler in the same run.
See bench/README.md ("Init cost"). Usage: bench/init/run.py [rounds]  (env: BEFORE=<git ref>; ONLY=<text>: only the
handlers whose name contains it; TRACING=0: skip the tracer comparison)."""
import base64, json, os, pathlib, shutil, socket, statistics, subprocess, sys, tarfile, io, time, urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = ROOT / "bench" / "init"
TARGET = HERE / "target"
EVENTS = ROOT / "lambda-src" / "src" / "test" / "resources" / "events"
M2 = pathlib.Path.home() / ".m2" / "repository"
SERIALIZATION = [M2 / "com/amazonaws/aws-lambda-java-serialization/1.2.0/aws-lambda-java-serialization-1.2.0.jar",
                 M2 / "joda-time/joda-time/2.15.1/joda-time-2.15.1.jar"]
JVM = ["java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xmx512m"]


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def build(ref):
    """The shaded functions jar at `ref` (None: the work tree)."""
    out = TARGET / ("after.jar" if ref is None else "before.jar")
    if ref is None:
        sh(["mvn", "-B", "-q", "-f", str(ROOT / "lambda-src/pom.xml"), "-DskipTests", "package"])
        shutil.copy(ROOT / "lambda-src/target/saas-functions.jar", out)
        return out
    src = TARGET / "before-src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "lambda-src"], check=True,
                             capture_output=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(src)
    sh(["mvn", "-B", "-q", "-f", str(src / "lambda-src/pom.xml"), "-DskipTests", "package"])
    shutil.copy(src / "lambda-src/target/saas-functions.jar", out)
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scenarios(endpoint):
    common = {"AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
              "AWS_EC2_METADATA_DISABLED": "true", "AWS_LAMBDA_FUNCTION_NAME": "bench-fn",
              "AWS_LAMBDA_FUNCTION_VERSION": "1", "DYNAMODB_ENDPOINT": endpoint, "SECRETSMANAGER_ENDPOINT": endpoint,
              "POWERTOOLS_METRICS_NAMESPACE": "SaaSFleet/bench", "POWERTOOLS_LOG_LEVEL": "INFO",
              # Active tracing, as every function has it: the runtime passes each invocation's trace header (the
              # X-Ray daemon address is Lambda's default; nothing listens there, UDP does not wait).
              "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"}
    control = {"TENANT_DETAILS_TABLE": "TenantDetails", "TENANT_USER_MAPPING_TABLE": "TenantUserMapping",
               "TENANT_STACK_MAPPING_TABLE": "TenantStackMapping", "SETTINGS_TABLE": "Settings",
               "REGISTRATIONS_TABLE": "Registrations", "POOLED_TIER_STACKS": "BASIC=123456789012/us-east-1",
               "TIER": "CONTROL_PLANE"}
    silo = {"SHARD_COUNT": "4", "TENANT_ID": "acme", "TIER": "PLATINUM",
            "PAGE_TOKEN_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:123456789012:secret:page-tokens"}
    return [
        ("product (GET /products, silo)", "functions.product.ProductHandler", EVENTS / "product-list.json",
         {**silo, "TABLE_NAME": "Products", "POWERTOOLS_SERVICE_NAME": "product"}),
        ("order (GET /orders, silo)", "functions.order.OrderHandler", EVENTS / "order-list.json",
         {**silo, "TABLE_NAME": "Orders", "POWERTOOLS_SERVICE_NAME": "order"}),
        ("tenant authorizer (malformed token: 401)", "functions.authorizer.AuthorizerHandler", "authorizer.json",
         {"TRUSTED_POOLS": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123|3n4b5urk1ft4fl3mg5e62d9ado",
          "API_KIND": "tenant", "TENANT_API_KEYS_TABLE": "TenantApiKeys", "TIER": "BASIC",
          "POWERTOOLS_SERVICE_NAME": "tenant-authorizer"}),
        # A well-formed token of the trusted pool whose kid the pool's JWKS (moto's) does not hold: the key set is
        # fetched (nimbus's JWK source, the HTTP retriever) before the 401.
        ("tenant authorizer (unknown kid: JWKS fetched, 401)", "functions.authorizer.AuthorizerHandler",
         "authorizer-unknown-kid.json",
         {"TRUSTED_POOLS": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123|3n4b5urk1ft4fl3mg5e62d9ado",
          "API_KIND": "tenant", "TENANT_API_KEYS_TABLE": "TenantApiKeys", "TIER": "BASIC",
          "LOCAL_JWKS_ENDPOINT": endpoint, "POWERTOOLS_SERVICE_NAME": "tenant-authorizer"}),
        ("registration (POST /registration, bad body: 400)", "functions.registration.RegistrationHandler",
         "registration-bad.json", {**control, "REGISTRANT_POOL_ID": "us-east-1_Registrant",
                                   "POWERTOOLS_SERVICE_NAME": "registration"}),
        ("tenant-admin (GET /tenants as support)", "functions.registration.TenantAdminFunction",
         EVENTS / "tenant-list-support.json", {**control, "POWERTOOLS_SERVICE_NAME": "tenant-admin"}),
        ("pipeline-trigger (empty batch)", "functions.pipeline.PipelineTriggerHandler", EVENTS / "stream/empty.json",
         {"PIPELINE_NAMES": "saas-fleet", "TIER": "CONTROL_PLANE", "POWERTOOLS_SERVICE_NAME": "pipeline-trigger"}),
        ("offboarder (unreadable plan: throws)", "functions.offboard.OffboardHandler", "offboard.json",
         {"BOOTSTRAP_QUALIFIER": "hnb659fds", "MAX_DELETIONS": "5", "ENVIRONMENTS_TABLE": "Environments",
          "CATALOG_TABLE": "Catalog", "TIER": "CONTROL_PLANE", "POWERTOOLS_SERVICE_NAME": "offboarder"}),
    ], common


def write_events():
    (TARGET / "authorizer.json").write_text(json.dumps({"type": "TOKEN", "authorizationToken": "Bearer not-a-jwt",
        "methodArn": "arn:aws:execute-api:us-east-1:222222222222:a1b2c3d4e5/prod/GET/products"}))
    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()
    now = int(time.time())
    token = ".".join([part({"alg": "RS256", "kid": "bench-unknown-kid"}),
                      part({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123",
                            "aud": "3n4b5urk1ft4fl3mg5e62d9ado", "token_use": "id", "sub": "bench",
                            "iat": now, "exp": now + 3600, "custom:userRole": "TenantUser",
                            "custom:tenantId": "acme", "custom:tier": "BASIC"}),
                      part({"sig": "not-a-signature"})])
    (TARGET / "authorizer-unknown-kid.json").write_text(json.dumps({"type": "TOKEN",
        "authorizationToken": "Bearer " + token,
        "methodArn": "arn:aws:execute-api:us-east-1:222222222222:a1b2c3d4e5/prod/GET/products"}))
    event = json.loads((EVENTS / "registration-create.json").read_text())
    event["body"] = "{"
    (TARGET / "registration-bad.json").write_text(json.dumps(event))
    (TARGET / "offboard.json").write_text("{}")


def first_event(jar, handler, event, env):
    cp = os.pathsep.join([str(TARGET / "classes"), str(jar)] + [str(p) for p in SERIALIZATION])
    event = event if isinstance(event, pathlib.Path) else TARGET / event
    proc = subprocess.run(JVM + ["-cp", cp, "bench.init.FirstEvent", handler, str(event)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr.splitlines():
        if line.startswith("FIRST_EVENT_MS"):
            _, ms, outcome = line.split(" ", 2)
            return int(ms), outcome
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


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    TARGET.mkdir(parents=True, exist_ok=True)
    before_ref = os.environ.get("BEFORE") or subprocess.run(
        ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=True, capture_output=True, text=True).stdout.strip()
    jars = {"before": build(before_ref), "after": build(None)}
    (TARGET / "classes").mkdir(exist_ok=True)
    sh(["javac", "-d", str(TARGET / "classes"), "-cp", os.pathsep.join([str(jars["after"])] + [str(p) for p in SERIALIZATION]),
        str(HERE / "src/bench/init/FirstEvent.java")])
    write_events()
    port = free_port()
    moto = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        cases, common = scenarios(f"http://127.0.0.1:{port}")
        cases = [c for c in cases if os.environ.get("ONLY", "") in c[0]]
        results = {}
        outcomes = {}
        for r in range(rounds):
            for side, jar in jars.items():
                env = {**os.environ, **common}
                results.setdefault((side, "floor"), []).append(first_event(jar, "floor", EVENTS / "product-list.json", env)[0])
                for name, handler, event, extra in cases:
                    ms, outcome = first_event(jar, handler, event, {**env, **extra})
                    results.setdefault((side, name), []).append(ms)
                    outcomes[(side, name)] = outcome
            print(f"round {r + 1}/{rounds} done", file=sys.stderr)
    finally:
        moto.terminate()
    tracing = tracing_rounds(rounds) if os.environ.get("TRACING", "1") != "0" else None
    load = os.getloadavg()[0]
    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"\nBEFORE={before_ref[:10]} AFTER=work tree, {rounds} rounds, load average at end {load:.2f}, "
          f"JVM flags {' '.join(JVM[1:])}\n")
    print("| handler (first event) | before ms | after ms | after − before | before / floor | after / floor |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, *_ in cases:
        b, a = med[("before", name)], med[("after", name)]
        print(f"| {name} | {b:.0f} | {a:.0f} | {a - b:+.0f} | {b / med[('before', 'floor')]:.2f} | "
              f"{a / med[('after', 'floor')]:.2f} |")
    print(f"| floor (empty handler, same event) | {med[('before', 'floor')]:.0f} | {med[('after', 'floor')]:.0f} | | 1.00 | 1.00 |")
    if tracing:
        print("\n| tracer (fresh JVM to one span annotated TenantId, Tier sent) | ms | − floor |")
        print("|---|---:|---:|")
        for mode, label in (("xray", "AWS X-Ray SDK 2.18.2 (subsegment, UDP daemon)"),
                            ("otel", "OpenTelemetry SDK 1.68.0 + OTLP/HTTP exporter"), ("none", "floor (no tracer)")):
            print(f"| {label} | {tracing[mode]:.0f} | {tracing[mode] - tracing['none']:+.0f} |")
    print("\noutcomes:", json.dumps({f"{k[0]} {k[1]}": v for k, v in outcomes.items()}, indent=1))
    print("raw:", json.dumps({f"{k[0]} {k[1]}": v for k, v in results.items()}))


if __name__ == "__main__":
    main()
