#!/usr/bin/env bash
# Runs lambda-src's tests in the background while the CDK app's tests run (the root pom calls `start` once the
# functions jar is built, and `await` in its verify phase): on this 2-core machine the lambda-src tests keep about one
# core busy (one JVM and its moto server), so run one after the other they left the other core idle for two minutes.
#   start: launches `mvn test` over the reactor (its classes already compiled: each module's tests in their own JVM),
#          output to target/background-tests.log
#   await: waits for it (at most AWAIT_SECONDS, default 900), prints its results and exits with its status
set -euo pipefail
cd "$(dirname "$0")/.."
log=target/background-tests.log rc=target/background-tests.rc pid=target/background-tests.pid
case ${1:-} in
  start)
    # A run left from an aborted build must not write into this one's files.
    if [ -f "$pid" ]; then kill -- "-$(cat "$pid")" 2>/dev/null || true; fi
    rm -f "$log" "$rc" "$pid"
    mkdir -p target  # the reactor's parent builds nothing itself, so a clean clone has no lambda-src/target yet
    mvn=${MVN:-mvn}
    # Every stream of the background shell goes to the log: one left open on Maven's pipe would make the calling
    # exec wait for the whole run, and the tests would run one after the other again.
    # At a lower CPU priority (nice 10): the app's tests are the longer line, so they take a core whenever they can and
    # these fill what the app's tests leave idle (their waits on subprocesses and on moto).
    # Maven itself with the same lean JVM flags as the test JVMs (lambda-src/pom.xml, surefire argLine).
    export MAVEN_OPTS="${MAVEN_OPTS:-} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    setsid nice -n 10 bash -c '"$0" -B test; echo $? >"$2"' "$mvn" "$log" "$rc" </dev/null >"$log" 2>&1 &
    echo $! >"$pid"
    echo "lambda-src tests started in the background (pid $(cat "$pid"), log lambda-src/$log)"
    ;;
  await)
    [ -f "$pid" ] || { echo "lambda-src tests were never started (no $pid)" >&2; exit 1; }
    deadline=$(( $(date +%s) + ${AWAIT_SECONDS:-900} ))
    while [ ! -s "$rc" ]; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        kill -- "-$(cat "$pid")" 2>/dev/null || true
        echo "lambda-src tests did not finish within ${AWAIT_SECONDS:-900} s; log: lambda-src/$log" >&2
        tail -50 "$log" >&2
        exit 1
      fi
      sleep 2
    done
    status=$(cat "$rc")
    rm -f "$pid"
    # The surefire summary of the background run (the tests' own stdout, handler log lines included, stays in the
    # log file): one line per test class, then the failures and the totals as Maven printed them.
    sed -n '/T E S T S/,$p' "$log" | grep -E '^\[(INFO|WARNING|ERROR)\] ' || true
    if [ "$status" -ne 0 ]; then
      echo "lambda-src tests failed (exit $status); whole log: lambda-src/$log" >&2
      exit "$status"
    fi
    ;;
  *)
    echo "usage: $0 start|await" >&2
    exit 2
    ;;
esac
