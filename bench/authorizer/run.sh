#!/usr/bin/env bash
# JMH benchmark of the Lambda authorizer's hot path (functions.authorizer), run by hand, never by CI.
#   usage: bench/authorizer/run.sh [JMH options]   (default: -f 3 -wi 3 -w 3s -i 5 -r 3s, ~3 min on 2 cores)
# Builds lambda-src's shaded jar (tests skipped), compiles the benchmark against it, runs both benchmarks.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$root/bench/authorizer"

mvn -B -q -f "$root/lambda-src/pom.xml" package -DskipTests
mvn -B -q -f "$bench/pom.xml" package dependency:build-classpath -Dmdep.outputFile="$bench/target/classpath.txt" \
    -Dmdep.includeScope=runtime

cp="$bench/target/authorizer-bench.jar:$(cat "$bench/target/classpath.txt"):$root/lambda-src/target/saas-functions.jar"
if [ "$#" -eq 0 ]; then
  set -- -f 3 -wi 3 -w 3s -i 5 -r 3s
fi
# The forks inherit this classpath; -rf/-rff keep a machine-readable copy next to the console table.
exec java -cp "$cp" org.openjdk.jmh.Main "$@" -rf json -rff "$bench/target/jmh-result.json" 'functions.authorizer.*'
