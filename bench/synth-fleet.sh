#!/usr/bin/env bash
# Times a full offline `cdk synth` of a generated catalog with N silo tenants spread over 3 accounts and
# 4 regions (plus the shipped fleet settings): the pipeline(s) and one stage assembly per fleet stack.
#   usage: bench/synth-fleet.sh [N=150]
# Prints wall time and peak RSS of the whole synth (CLI + app). Run `npm ci` first.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-150}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$n" > "$work/tenants.json" <<'PY'
import json, sys
n = int(sys.argv[1])
catalog = json.load(open("tenants.json"))
accounts = ["333333333333", "444444444444", "555555555555"]
regions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"]
catalog["tenants"] = [
    {"tenantId": f"tenant-{i:04d}", "tenantName": f"Tenant {i}", "tier": "PLATINUM",
     "account": accounts[i % len(accounts)], "region": regions[(i // len(accounts)) % len(regions)],
     **({"canary": True} if i < 3 else {})}
    for i in range(n)]
json.dump(catalog, sys.stdout, indent=1)
PY

# Build outside the timed region, so the number is the synth alone.
bash scripts/cdk-app.sh --build-only
if ! /usr/bin/time -f "%e %M" -o "$work/time" npx cdk synth -q -o "$work/cdk.out" \
    -c tenantsFile="$work/tenants.json" >"$work/synth.log" 2>&1; then
  cat "$work/synth.log" >&2
  exit 1
fi
read -r wall rss_kb < "$work/time"
# Every fleet stack sits in its pipeline stage's nested assembly: one assembly-* directory each.
stages=$(find "$work/cdk.out" -maxdepth 1 -type d -name 'assembly-*' | wc -l)
pipelines=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["pipelines"]))' "$work/cdk.out/fleet-plan.json")
expected=$((n + 1 + $(python3 -c 'import json; print(len(json.load(open("tenants.json"))["pooledTiers"]))')))
echo "silo tenants: $n  pipelines: $pipelines  fleet stacks: $stages (expected $expected)  wall: ${wall}s  peak RSS: $((rss_kb / 1024)) MB"
[ "$stages" -eq "$expected" ]
