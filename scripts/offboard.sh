#!/usr/bin/env bash
# Offboarding, run by each fleet pipeline after its last wave: hands the synthesized fleet plan to the
# offboarder function, which deletes the stacks of silo tenants that left the catalog (tagged stacks only; their
# RETAIN tables, keys and user pools stay). The function's summary is printed; a function error fails the step.
#   env: OFFBOARD_FUNCTION (function or alias ARN)  FLEET_PLAN (default cdk.out/fleet-plan.json)
set -euo pipefail
shopt -s inherit_errexit
plan=${FLEET_PLAN:-cdk.out/fleet-plan.json}
[ -n "${OFFBOARD_FUNCTION:-}" ] || { echo "OFFBOARD_FUNCTION is not set" >&2; exit 1; }
[ -s "$plan" ] || { echo "fleet plan $plan is missing or empty: nothing is offboarded" >&2; exit 1; }

result=$(mktemp)
trap 'rm -f "$result"' EXIT
# Synchronous call; the CLI's default 60 s read timeout is shorter than the function's.
function_error=$(aws lambda invoke --function-name "$OFFBOARD_FUNCTION" \
  --cli-binary-format raw-in-base64-out --payload "fileb://$plan" --cli-read-timeout 0 \
  --query FunctionError --output text "$result")
cat "$result"; echo
if [ -n "$function_error" ] && [ "$function_error" != "None" ]; then
  echo "offboarding failed ($function_error): see the summary above and the function's log" >&2
  exit 1
fi
echo "offboarding done"
