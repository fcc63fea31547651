#!/usr/bin/env bash
# JMH benchmark of the Lambda authorizer's hot path (functions.authorizer), run by hand, never by CI.
#   usage: bench/authorizer/run.sh [JMH options]   (default: -f 2 -wi 3 -w 2s -i 5 -r 2s, ~2 min on 2 cores)
# Builds lambda-src's shaded jar (tests skipped), compiles the benchmark against it, runs the three benchmarks
# (cachedJwks, jwksFetchedEveryCall, signatureOnlyFloor) and prints, from the same run, cached / floor (goal >= 0.8)
# and cached / fetch-every-call.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$root/bench/authorizer"

mvn -B -q -f "$root/lambda-src/pom.xml" package -DskipTests
mvn -B -q -f "$bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$bench/target/classpath.txt" \
    -Dmdep.includeScope=runtime

cp="$bench/target/authorizer-bench.jar:$(cat "$bench/target/classpath.txt"):$root/lambda-src/target/saas-functions.jar"
if [ "$#" -eq 0 ]; then
  set -- -f 2 -wi 3 -w 2s -i 5 -r 2s
fi
result="$bench/target/jmh-result.json"
echo "load before: $(uptime)"
# The forks inherit this classpath; -rf/-rff keep a machine-readable copy next to the console table.
java -cp "$cp" org.openjdk.jmh.Main "$@" -rf json -rff "$result" 'functions.authorizer.*'
echo "load after: $(uptime)"
# Ratios of the scores (ops/s) of this run; the range divides the ends of the 99.9% error bars.
python3 - "$result" <<'PY'
import json, sys
scores = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
def ratio(a, b, goal=None):
    x, y = scores[a], scores[b]
    lo = (x["score"] - x["scoreError"]) / (y["score"] + y["scoreError"])
    hi = (x["score"] + x["scoreError"]) / max(y["score"] - y["scoreError"], 1e-9)
    verdict = "" if goal is None else ("  goal >= %.1f: %s" % (goal, "met" if x["score"] / y["score"] >= goal else "MISSED"))
    print("RATIO %s / %s = %.2f (%.2f-%.2f across the error bars)%s" % (a, b, x["score"] / y["score"], lo, hi, verdict))
for name in ("cachedJwks", "jwksFetchedEveryCall", "signatureOnlyFloor"):
    s = scores[name]
    print("SCORE %-21s %10.0f ± %.0f ops/s  (%.1f µs per call)" % (name, s["score"], s["scoreError"], 1e6 / s["score"]))
ratio("cachedJwks", "signatureOnlyFloor", 0.8)
ratio("cachedJwks", "jwksFetchedEveryCall")
PY
