#!/usr/bin/env bash
# Canary wave validation, run by the pipeline after the canary wave deployed: every canary stack's CloudWatch
# alarms (named <stackName>-... by CloudFormation) must stay out of ALARM for the whole bake time. Those are exactly
# the stacks' rollout alarms, on the new versions' 5xx answers, latency, errors and throttles (docs/OPERATIONS.md).
#   env: CANARY_STACKS="stackName:account:region ..."  BAKE_SECONDS (default 600)  POLL_SECONDS (default 30)
#        BOOTSTRAP_QUALIFIER (default hnb659fds)
# Reads alarms through each account's CDK lookup role (read-only, created by `cdk bootstrap`). Any AWS error
# (role not assumable, throttling past the CLI's retries) fails the validation: an unknown state is not healthy.
set -euo pipefail
# Without this a failing `aws sts assume-role` inside $(...) would go unnoticed and the alarms be read with the
# build's own credentials, from the wrong account.
shopt -s inherit_errexit
bake=${BAKE_SECONDS:-600}
poll=${POLL_SECONDS:-30}
qualifier=${BOOTSTRAP_QUALIFIER:-hnb659fds}
read -ra canaries <<<"${CANARY_STACKS:-}"
[ "${#canaries[@]}" -gt 0 ] || { echo "CANARY_STACKS is empty: nothing to validate" >&2; exit 1; }
for entry in "${canaries[@]}"; do
  [[ $entry =~ ^[A-Za-z][A-Za-z0-9-]*:[0-9]{12}:[a-z0-9-]+$ ]] \
    || { echo "CANARY_STACKS entry '$entry' is not stackName:account:region" >&2; exit 1; }
done

alarms_in_alarm() { # stackName account region -> prints names of alarms in ALARM
  local stack=$1 account=$2 region=$3 creds
  creds=$(aws sts assume-role \
    --role-arn "arn:aws:iam::${account}:role/cdk-${qualifier}-lookup-role-${account}-${region}" \
    --role-session-name canary-validation \
    --query '[Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken]' --output text)
  read -r key secret token <<<"$creds"
  AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
    aws cloudwatch describe-alarms --region "$region" --alarm-name-prefix "${stack}-" \
    --state-value ALARM --query 'MetricAlarms[].AlarmName' --output text
}

deadline=$(( $(date +%s) + bake ))
while :; do
  for entry in "${canaries[@]}"; do
    IFS=: read -r stack account region <<<"$entry"
    firing=$(alarms_in_alarm "$stack" "$account" "$region")
    if [ -n "$firing" ] && [ "$firing" != "None" ]; then
      echo "canary $stack ($account/$region) has alarms in ALARM: $firing" >&2
      exit 1
    fi
  done
  [ "$(date +%s)" -ge "$deadline" ] && break
  sleep "$poll"
done
echo "canary stacks stayed healthy for ${bake}s: ${canaries[*]}"
