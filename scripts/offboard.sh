#!/usr/bin/env bash
# Hands the synthesized fleet plan to the offboarder function. Two steps of each fleet pipeline run it:
#   OFFBOARD_MODE=offboard (default), after the last wave: the function deletes the stacks of silo tenants that
#     left the catalog (tagged stacks only; their RETAIN tables, keys and user pools stay);
#   OFFBOARD_MODE=clear-stuck, before the first wave: it deletes the planned stacks a failed first create left in
#     ROLLBACK_COMPLETE (they would fail their wave on every run) and reports those an operator must fix.
# The function's summary is printed; a function error fails the step.
#   env: OFFBOARD_FUNCTION (function or alias ARN)  FLEET_PLAN (default cdk.out/fleet-plan.json)  OFFBOARD_MODE
set -euo pipefail
shopt -s inherit_errexit
plan=${FLEET_PLAN:-cdk.out/fleet-plan.json}
mode=${OFFBOARD_MODE:-offboard}
[ -n "${OFFBOARD_FUNCTION:-}" ] || { echo "OFFBOARD_FUNCTION is not set" >&2; exit 1; }
[ -s "$plan" ] || { echo "fleet plan $plan is missing or empty: nothing is offboarded" >&2; exit 1; }
case "$mode" in
  offboard) label=offboarding ;;
  clear-stuck) label="clearing stuck stacks" ;;
  *) echo "OFFBOARD_MODE must be offboard or clear-stuck, got '$mode'" >&2; exit 1 ;;
esac

result=$(mktemp)
payload=$(mktemp)
trap 'rm -f "$result" "$payload"' EXIT
# The plan as synthesized, with the mode beside its pipelines (the function reads both).
jq -c --arg mode "$mode" '. + {mode: $mode}' "$plan" >"$payload"
# Synchronous call; the CLI's default 60 s read timeout is shorter than the function's.
function_error=$(aws lambda invoke --function-name "$OFFBOARD_FUNCTION" \
  --cli-binary-format raw-in-base64-out --payload "fileb://$payload" --cli-read-timeout 0 \
  --query FunctionError --output text "$result")
cat "$result"; echo
if [ -n "$function_error" ] && [ "$function_error" != "None" ]; then
  echo "$label failed ($function_error): see the summary above and the function's log" >&2
  exit 1
fi
echo "$label done"
