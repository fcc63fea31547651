#!/usr/bin/env bash
# Silo activation, run by each fleet pipeline after its last wave: for every silo tenant this pipeline deploys,
# calls the admin API's internal route POST /internal/tenants/{tenantId}/activate, signed with the build's own
# credentials (SigV4, AWS_IAM authorization). The control plane then creates the tenant's admin user in the silo
# stack's pool and its API key in the stack's usage plan; an ACTIVE tenant is left as it is, unless it was moved to
# another account/region (provisioned again there). Runs after the Offboard step (FleetPipelineStack).
#   env: PIPELINE_NAME (this pipeline)  WAVE (optional: only that wave)  FLEET_PLAN (default cdk.out/fleet-plan.json)
#        PROBE_TENANTS (optional: "canary-probe-<tier> ...", activated too: the pooled canary tier's probe tenant)
#        TENANT_IDS (optional: exactly these tenants, space-separated, no plan read: the onboarding fast lane,
#        scripts/onboard-tenant.sh)
#        BASELINE_STACK (default saas-baseline, whose output AdminApiUrl is the API)  AWS_REGION
#        ADMIN_API_URL (optional: skips the stack lookup)
# Answers: 2xx activated or already active; 404 the tenant has no control-plane record (a catalog-only tenant:
# reported, skipped); 409 the tenant is in a state an operator chose (INACTIVE, OFFBOARDED: reported, skipped).
# Anything else (403, 5xx, no answer) fails the step after every tenant was tried.
set -euo pipefail
shopt -s inherit_errexit
plan=${FLEET_PLAN:-cdk.out/fleet-plan.json}
[ -n "${AWS_REGION:-}" ] || { echo "AWS_REGION is not set" >&2; exit 1; }
if [ -n "${TENANT_IDS:-}" ]; then
  read -ra tenants <<<"$TENANT_IDS"
else
  [ -n "${PIPELINE_NAME:-}" ] || { echo "PIPELINE_NAME is not set" >&2; exit 1; }
  [ -s "$plan" ] || { echo "fleet plan $plan is missing or empty: nothing is activated" >&2; exit 1; }
  # Silo tenants of this pipeline; a plan without this pipeline is a broken build, not "no tenants".
  jq -e --arg p "$PIPELINE_NAME" 'any(.pipelines[]; .name == $p)' "$plan" >/dev/null \
    || { echo "pipeline $PIPELINE_NAME is not in $plan" >&2; exit 1; }
  # WAVE (optional): that wave's silo tenants only (the canary wave activates its canaries before their validation).
  mapfile -t tenants < <(jq -r --arg p "$PIPELINE_NAME" --arg w "${WAVE:-}" \
    '.pipelines[] | select(.name == $p) | .waves[] | select($w == "" or .name == $w) | .stacks[]
     | select(.kind == "SILO_TENANT") | .tenantId' "$plan")
fi
# PROBE_TENANTS (optional, ActivateCanaries): the canary pooled tier's probe tenant, canary-probe-<tier>, which the
# control plane makes ACTIVE in that tier's stack (functions.tenants.ProbeTenants) for the validation's requests.
read -ra probe_tenants <<<"${PROBE_TENANTS:-}"
for probe in "${probe_tenants[@]}"; do
  [[ $probe =~ ^canary-probe-[a-z]+$ ]] || { echo "PROBE_TENANTS entry '$probe' is not canary-probe-<tier>" >&2; exit 1; }
  tenants+=("$probe")
done
if [ "${#tenants[@]}" -eq 0 ]; then
  echo "no silo tenants in pipeline $PIPELINE_NAME${WAVE:+ wave $WAVE}"
  exit 0
fi

url=${ADMIN_API_URL:-}
if [ -z "$url" ]; then
  url=$(aws cloudformation describe-stacks --stack-name "${BASELINE_STACK:-saas-baseline}" \
    --query "Stacks[0].Outputs[?OutputKey=='AdminApiUrl'].OutputValue | [0]" --output text)
fi
[[ $url =~ ^https?://[^[:space:]]+$ ]] || { echo "admin API URL '$url' is not a URL" >&2; exit 1; }
url=${url%/}

# The build's credentials (CodeBuild's container credentials) as key, secret and session token for curl.
eval "$(aws configure export-credentials --format env)"
: "${AWS_ACCESS_KEY_ID:?no credentials}" "${AWS_SECRET_ACCESS_KEY:?no credentials}"
token_header=()
[ -n "${AWS_SESSION_TOKEN:-}" ] && token_header=(-H "x-amz-security-token: $AWS_SESSION_TOKEN")

failed=0
body=$(mktemp)
trap 'rm -f "$body"' EXIT
for tenant in "${tenants[@]}"; do
  [[ $tenant =~ ^[a-z0-9][a-z0-9-]{2,35}$ ]] || { echo "$tenant: not a tenant id, skipped" >&2; failed=1; continue; }
  status=$(curl -sS -o "$body" -w '%{http_code}' --max-time 30 -X POST \
    --aws-sigv4 "aws:amz:${AWS_REGION}:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
    "${token_header[@]}" -H 'content-type: application/json' --data '{}' \
    "$url/internal/tenants/$tenant/activate") || status=000
  case "$status" in
    2??) echo "$tenant: active" ;;
    404) echo "$tenant: no control-plane record, skipped: $(head -c 300 "$body")" ;;
    409) echo "$tenant: not activated: $(head -c 300 "$body")" ;;
    *) echo "$tenant: activation failed (HTTP $status): $(head -c 300 "$body")" >&2; failed=1 ;;
  esac
done
[ "$failed" -eq 0 ] || { echo "silo activation failed for some tenants: see above" >&2; exit 1; }
echo "silo activation done"
