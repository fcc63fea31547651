#!/usr/bin/env bash
# Canary wave validation, run by the pipeline after the canary wave deployed: every canary stack's CloudWatch
# alarms (named <stackName>-... by CloudFormation) must stay out of ALARM for the whole bake time.
#   env: CANARY_STACKS="stackName:account:region ..."  BAKE_SECONDS (default 600)  POLL_SECONDS (default 30)
# Reads alarms through each account's CDK lookup role (read-only, created by `cdk bootstrap`).
set -euo pipefail
bake=${BAKE_SECONDS:-600}
poll=${POLL_SECONDS:-30}
[ -n "${CANARY_STACKS:-}" ] || { echo "CANARY_STACKS is empty: nothing to validate" >&2; exit 1; }

alarms_in_alarm() { # stackName account region -> prints names of alarms in ALARM
  local stack=$1 account=$2 region=$3 creds
  creds=$(aws sts assume-role --role-arn "arn:aws:iam::${account}:role/cdk-hnb659fds-lookup-role-${account}-${region}" \
    --role-session-name canary-validation --query Credentials --output text)
  read -r key secret token _ <<<"$creds"
  AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
    aws cloudwatch describe-alarms --region "$region" --alarm-name-prefix "${stack}-" \
    --state-value ALARM --query 'MetricAlarms[].AlarmName' --output text
}

deadline=$(( $(date +%s) + bake ))
while :; do
  for entry in $CANARY_STACKS; do
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
echo "canary stacks stayed healthy for ${bake}s: $CANARY_STACKS"
