#!/usr/bin/env bash
# JMH benchmark of the Lambda authorizer's hot path (functions.authorizer), run by hand, never by CI.
#   usage: bench/authorizer/run.sh                  # ROUNDS (3) rounds, ~3.5 min on 2 cores
#          bench/authorizer/run.sh [JMH options]    # one JMH run of all three benchmarks with these options
# Builds lambda-src's shaded jar (tests skipped), compiles the benchmark against it and runs cachedJwks,
# signatureOnlyFloor (the floor: Nimbus's signature check of the same token alone) and jwksFetchedEveryCall, then
# prints cached / floor (goal >= 0.8) and cached / fetch-every-call from the same run.
# By default each round runs the three benchmarks one after another, one fork each (-f 1 -wi 6 -w 2s -i 5 -r 2s:
# under load the cached path needs 10-15 s of warm-up before C2 has compiled it),
# and the ratios are taken within a round: on a shared machine the load changes over minutes, and a ratio of two
# scores measured a minute apart would mostly measure that.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$root/bench/authorizer"

mvn -B -q -f "$root/lambda-src/pom.xml" package -DskipTests
mvn -B -q -f "$bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$bench/target/classpath.txt" \
    -Dmdep.includeScope=runtime

cp="$bench/target/authorizer-bench.jar:$(cat "$bench/target/classpath.txt"):$root/lambda-src/tenant-api/target/tenant-api.jar"
results="$bench/target/jmh"
rm -rf "$results"
mkdir -p "$results"
echo "load before: $(uptime)"
# The forks inherit this classpath; -rf/-rff keep a machine-readable copy next to the console table.
if [ "$#" -gt 0 ]; then
  java -cp "$cp" org.openjdk.jmh.Main "$@" -rf json -rff "$results/round-1.json" 'functions.authorizer.*'
else
  for round in $(seq "${ROUNDS:-3}"); do
    for benchmark in cachedJwks signatureOnlyFloor jwksFetchedEveryCall; do
      java -cp "$cp" org.openjdk.jmh.Main -f 1 -wi 6 -w 2s -i 5 -r 2s -rf json \
          -rff "$results/round-$round-$benchmark.json" "functions.authorizer.AuthorizerBenchmark.$benchmark\$" \
          | grep -E '^(# Run complete|AuthorizerBenchmark)'
    done
  done
fi
echo "load after: $(uptime)"
python3 - "$results" "$(nproc)" <<'PY'
import collections, glob, json, os, re, statistics, sys
rounds = collections.defaultdict(dict)
for path in sorted(glob.glob(os.path.join(sys.argv[1], "round-*.json"))):
    round_no = int(re.search(r"round-(\d+)", path).group(1))
    for result in json.load(open(path)):
        metric = result["primaryMetric"]
        # JMH writes "NaN" (a string) as the error of a single iteration.
        if not isinstance(metric["scoreError"], (int, float)):
            metric["scoreError"] = float("nan")
        rounds[round_no][result["benchmark"].rsplit(".", 1)[1]] = metric
pairs = (("cachedJwks", "signatureOnlyFloor", 0.8), ("cachedJwks", "jwksFetchedEveryCall", None))
for round_no, scores in sorted(rounds.items()):
    print("ROUND %d  " % round_no + "  ".join("%s %.0f ± %.0f ops/s (%.1f µs)" % (
        name, s["score"], s["scoreError"], 1e6 / s["score"]) for name, s in sorted(scores.items())))
for a, b, goal in pairs:
    ratios = [s[a]["score"] / s[b]["score"] for s in rounds.values()]
    verdict = "" if goal is None else "  goal >= %.1f: %s" % (goal, "met" if statistics.median(ratios) >= goal else "MISSED")
    print("RATIO %s / %s = %.2f (median of %d rounds: %s)%s" % (a, b, statistics.median(ratios), len(ratios),
          ", ".join("%.2f" % r for r in ratios), verdict))
load = os.getloadavg()[0]
if load > int(sys.argv[2]):
    print("NOTE load average %.1f on %s cores: scores are this machine's under that load" % (load, sys.argv[2]))
PY
