#!/usr/bin/env bash
# Fresh installation of a fleet (README "Fresh installation"), run once from a machine with credentials for the
# pipeline account (= the baseline's), after every target account was bootstrapped. The pipeline's synth reads
# the TenantStackMapping table, which only the baseline stack creates, so the pipeline cannot be its own first step:
#   1. bootstrap synth: tenantSource=dynamodb with allowEmptyFleet=true, under which (and only under which) a table
#      that does not exist yet is a fleet without silo tenants;
#   2. deploy the baseline stack alone from it: TenantStackMapping, the other tables and the control plane;
#   3. write the fleet marker (app.FleetMarker): from now on a table without silo tenants is a real, empty fleet,
#      while a wiped or missing table still fails every synth;
#   4. synth exactly as the pipeline's Synth step does (tenantSource=dynamodb, no flag) and deploy every pipeline
#      stack of that plan (their cross-region support stacks come along as dependencies). The pipelines then run
#      and deploy the rest of the fleet themselves.
# Usage: scripts/install-fleet.sh [install|mark]
#   mark: step 3 alone, for a fleet installed before the marker existed (its last silo tenant cannot be offboarded
#         until it has one)
#   env: TENANTS_FILE (default tenants.json; its "tenants" must be [] or all in the table: silo tenants are
#        onboarded through the control plane)  INSTALL_OUT (default cdk.install.out)  CDK (default "npx cdk")
#        FLEET_APP_CP (optional: the app's classpath; default built by scripts/cdk-app.sh --build-only)
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
mode=${1:-install}
tenants=${TENANTS_FILE:-tenants.json}
out=${INSTALL_OUT:-cdk.install.out}
read -r -a cdk <<< "${CDK:-npx cdk}"
[ -s "$tenants" ] || { echo "tenants file $tenants is missing or empty" >&2; exit 1; }

mark() {
  local cp=${FLEET_APP_CP:-}
  if [ -z "$cp" ]; then
    bash scripts/cdk-app.sh --build-only
    cp="target/classes:$(cat target/classpath.txt)"
  fi
  java -cp "$cp" app.FleetMarker "$tenants"
}

case "$mode" in
  mark) mark; exit 0 ;;
  install) ;;
  *) echo "usage: $0 [install|mark]" >&2; exit 1 ;;
esac

echo "== 1/4 bootstrap synth (a TenantStackMapping table that does not exist yet is an empty fleet)"
rm -rf "$out"
"${cdk[@]}" synth -q -c "tenantsFile=$tenants" -c tenantSource=dynamodb -c allowEmptyFleet=true -o "$out"
echo "== 2/4 deploy the baseline stack (creates TenantStackMapping)"
"${cdk[@]}" deploy --app "$out" --require-approval never '*/Baseline/Baseline'
echo "== 3/4 write the fleet marker"
mark
echo "== 4/4 synth as the pipeline does and deploy the pipeline stacks"
rm -rf "$out"
"${cdk[@]}" synth -q -c "tenantsFile=$tenants" -c tenantSource=dynamodb -o "$out"
mapfile -t pipelines < <(jq -r '.pipelines[].name' "$out/fleet-plan.json")
[ "${#pipelines[@]}" -gt 0 ] || { echo "no pipeline in $out/fleet-plan.json" >&2; exit 1; }
"${cdk[@]}" deploy --app "$out" --require-approval never "${pipelines[@]}"
echo "fleet installed: pipelines ${pipelines[*]}; onboard silo tenants through the control plane (POST /tenants)"
