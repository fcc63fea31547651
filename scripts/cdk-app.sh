#!/usr/bin/env bash
# cdk.json's "app": rebuilds only what is stale (the function jars and layers, the app's classpath, the app's classes),
# then runs the Java entry point directly, which is the fastest synth measured on this machine kind.
# With --build-only it stops after building (used by bench/).
set -euo pipefail
cd "$(dirname "$0")/.."

# Maven, its messages on stderr: -q prints only problems, but Maven 3.8 also prints bare ANSI resets (ESC[0m) even
# with colours off; they are stripped so that a synth that rebuilt something prints nothing of Maven's on success.
build() {
  local status=0
  mvn -q -B -Dstyle.color=never "$@" 2>&1 | { sed -e 's/\x1b\[[0-9;]*m//g' | grep -v '^$' >&2 || true; } || status=$?
  return "$status"
}

# stale TARGET SOURCE... : true when TARGET is missing or any SOURCE file is newer than it.
stale() {
  local target=$1; shift
  [ -e "$target" ] || return 0
  [ -n "$(find "$@" -newer "$target" -type f -print -quit 2>/dev/null)" ]
}

# What the functions deploy, as contract.Family names it: each family's jar (lambda-src/<family>/target/<family>.jar)
# and each runtime layer's zip (lambda-src/<layer>/target/<layer>.zip); any module's sources or pom make all stale.
FAMILY=lambda-src/contract/src/main/java/contract/Family.java
function_artifacts() {
  sed -nE 's#^ *[A-Z_]+\("([a-z-]+)", Layer\..*#lambda-src/\1/target/\1.jar#p' "$FAMILY"
  sed -nE 's#^ *[A-Z_0-9]+\("([a-z0-9-]+)"\)[,;]$#lambda-src/\1/target/\1.zip#p' "$FAMILY"
}
functions_stale() {
  local artifact
  for artifact in $(function_artifacts); do
    if stale "$artifact" lambda-src/pom.xml lambda-src/*/pom.xml lambda-src/*/src; then return 0; fi
  done
  return 1
}

if functions_stale; then
  build -f lambda-src/pom.xml package -DskipTests
fi
if stale target/classpath.txt pom.xml; then
  build dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
if stale target/classes/.compiled pom.xml src/main lambda-src/contract/src/main; then
  build compile
  touch target/classes/.compiled
fi
[ "${1:-}" = "--build-only" ] && exit 0
exec java -cp "target/classes:$(cat target/classpath.txt)" app.FleetApp
