#!/usr/bin/env bash
# Registration load test (issue #5): builds the functions jar and the bench, then runs RegistrationBench, which
# starts moto (lambda-src/test-tools/moto_server.py, as the tests do) and measures the registration saga against a
# floor in the same run: moto replaying the same AWS calls without the service. Not part of `mvn verify`.
#   usage: bench/registration/run.sh [-n 300] [-w 100] [-c 1] [-p 20] [-b 10] [-r 50] [-d 50]
#          bench/registration/run.sh matrix [bench options]   # -c 1, 2, 4, once each (THREADS, REPEAT);
#                                                              # one log per run in bench/registration/target/runs/
# -n registrations measured, -w warm-up registrations, -c client threads, -p every p-th is PLATINUM (0: none),
# -b blocks the measured registrations are split into (each followed by the floor's replay of its calls),
# -r replays of measured keys, -d registrations with a taken tenant name (409s).
# JFR=1 records a profile of the run into bench/registration/target/registration.jfr.
# Exit status 1 if the end-of-run checks (counts, users, keys, duplicates, replay and 409 answers) fail.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bench="$root/bench/registration"

mvn -B -q -f "$root/lambda-src/pom.xml" -DskipTests package
mvn -B -q -f "$bench/pom.xml" package
# The functions jar is a system-scoped dependency, which build-classpath leaves out: put it first explicitly.
cp="$root/lambda-src/control-plane/target/control-plane.jar:$bench/target/classes:$(cat "$bench/target/classpath.txt")"
jfr=()
if [[ "${JFR:-0}" == 1 ]]; then
  jfr=(-XX:StartFlightRecording=filename="$bench/target/registration.jfr",settings=profile
       -XX:FlightRecorderOptions=stackdepth=256)
fi

run() {
  java -Xms512m -Xmx1g "${jfr[@]}" -Dmoto.script="$root/lambda-src/test-tools/moto_server.py" -cp "$cp" \
      bench.registration.RegistrationBench "$@"
}

if [[ "${1:-}" != matrix ]]; then
  echo "load: $(uptime)"
  run "$@"
  echo "load after: $(uptime)"
  exit
fi
shift
# One log per run, kept for the record: target/runs/c<threads>-<run>.log.
mkdir -p "$bench/target/runs"
results=()
for threads in ${THREADS:-1 2 4}; do
  for i in $(seq "${REPEAT:-1}"); do
    log="$bench/target/runs/c$threads-$i.log"
    echo "== threads=$threads run $i; load: $(uptime)" | tee "$log"
    run -c "$threads" "$@" >>"$log" 2>&1 || echo "run failed, see $log"
    grep -v '^\s*$' "$log" | sed -n '/^registration bench/,$p'
    results+=("$(grep '^RESULT' "$log" || echo "RESULT threads=$threads none") loadavg=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' /)")
  done
done
echo "== summary"
printf '%s\n' "${results[@]}"
