#!/usr/bin/env bash
# Registration load test (issue #5): builds the functions jar and the bench, then runs RegistrationBench against
# an in-memory DynamoDB Local in the same JVM. Not part of `mvn verify`: run it by hand.
#   usage: bench/registration/run.sh [-n 5000] [-w 500] [-c 8] [-p 20] [-r 500] [-d 500] [-f 2000]
#          bench/registration/run.sh matrix [bench options]   # -c 1, 4, 8, 16, each twice (THREADS, REPEAT);
#                                                              # one log per run in bench/registration/target/runs/
# -n registrations measured, -w warm-up registrations, -c client threads, -p every p-th is PLATINUM (0: none),
# -r replays of measured keys, -d registrations with a taken tenant name (409s), -f calls of each single-operation
# phase (GetItem, PutItem, UpdateItem, a 3-put TransactWriteItems alone).
# Exit status 1 if the end-of-run checks (counts, duplicates, replay and 409 answers) fail.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$root/bench/registration"

mvn -B -q -f "$root/lambda-src/pom.xml" -DskipTests package
mvn -B -q -f "$bench/pom.xml" package
# The functions jar is a system-scoped dependency, which build-classpath leaves out: put it first explicitly.
cp="$root/lambda-src/target/saas-functions.jar:$bench/target/classes:$(cat "$bench/target/classpath.txt")"
# DynamoDB Local writes dynamodb-local-metadata.json into the working directory.
cd "$bench/target"

run() {
  java -Xms512m -Xmx1g -cp "$cp" bench.registration.RegistrationBench "$@"
}

if [[ "${1:-}" != matrix ]]; then
  echo "load: $(uptime)"
  run "$@"
  exit
fi
shift
# One log per run, kept for the record: target/runs/c<threads>-<run>.log.
mkdir -p runs
results=()
for threads in ${THREADS:-1 4 8 16}; do
  for i in $(seq "${REPEAT:-2}"); do
    log="runs/c$threads-$i.log"
    echo "== threads=$threads run $i; load: $(uptime)" | tee "$log"
    run -c "$threads" "$@" >>"$log" 2>&1 || echo "run failed, see $bench/target/$log"
    grep -v '^\s*$' "$log" | sed -n '/^registration bench/,$p'
    results+=("$(grep '^RESULT' "$log" || echo "RESULT threads=$threads none") loadavg=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)")
  done
done
echo "== summary"
printf '%s\n' "${results[@]}"
