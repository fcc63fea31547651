#!/usr/bin/env bash
# Canary wave validation, run by the pipeline after the canary wave deployed. Through the whole bake time:
#  - every canary stack's own CloudWatch alarms (by CloudFormation's naming rule below, so tenant acme's check never
#    reads acme-corp's alarms) must stay out of ALARM; a stack without alarms fails;
#  - every probed canary (a silo canary tenant, docs/OPERATIONS.md "Canary probe") is sent PROBE_REQUESTS synthetic
#    GET /<PROBE_PATH> requests per poll through its real API as its own probe user; a probed canary none of whose
#    requests succeeded (2xx) fails: a canary with no traffic never passes on quiet alarms alone.
#   env: CANARY_STACKS="stackName:account:region ..."   PROBE_ROLES="stackName=probeRoleArn ..." (the stacks to probe)
#        BAKE_SECONDS (default 600)  POLL_SECONDS (default 30)  PROBE_REQUESTS (default 5)  PROBE_PATH (default
#        products)  BOOTSTRAP_QUALIFIER (default hnb659fds)
# Alarms and stack outputs are read through each account's CDK lookup role (read-only, created by `cdk bootstrap`),
# the probe user is made and signed in through the stack's CanaryProbe role. Any AWS error (role not assumable,
# throttling past the CLI's retries) fails the validation: an unknown state is not healthy.
set -euo pipefail
# Without this a failing `aws sts assume-role` inside $(...) would go unnoticed and the alarms be read with the
# build's own credentials, from the wrong account.
shopt -s inherit_errexit
bake=${BAKE_SECONDS:-600}
poll=${POLL_SECONDS:-30}
requests=${PROBE_REQUESTS:-5}
path=${PROBE_PATH:-products}
qualifier=${BOOTSTRAP_QUALIFIER:-hnb659fds}
read -ra canaries <<<"${CANARY_STACKS:-}"
read -ra probes <<<"${PROBE_ROLES:-}"
[ "${#canaries[@]}" -gt 0 ] || { echo "CANARY_STACKS is empty: nothing to validate" >&2; exit 1; }
# A canary wave nobody sends traffic to proves nothing: at least one of its stacks must be probed.
[ "${#probes[@]}" -gt 0 ] || { echo "PROBE_ROLES is empty: no canary is sent traffic, so none can pass" >&2; exit 1; }
declare -A account_of region_of probe_role_of
stacks=() probed=()
for entry in "${canaries[@]}"; do
  [[ $entry =~ ^([A-Za-z][A-Za-z0-9-]*):([0-9]{12}):([a-z0-9-]+)$ ]] \
    || { echo "CANARY_STACKS entry '$entry' is not stackName:account:region" >&2; exit 1; }
  stacks+=("${BASH_REMATCH[1]}")
  account_of[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
  region_of[${BASH_REMATCH[1]}]=${BASH_REMATCH[3]}
done
for entry in "${probes[@]}"; do
  [[ $entry =~ ^([A-Za-z][A-Za-z0-9-]*)=(arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_-]+)$ ]] \
    || { echo "PROBE_ROLES entry '$entry' is not stackName=roleArn" >&2; exit 1; }
  [ -n "${account_of[${BASH_REMATCH[1]}]:-}" ] \
    || { echo "PROBE_ROLES names ${BASH_REMATCH[1]}, which is not in CANARY_STACKS" >&2; exit 1; }
  probed+=("${BASH_REMATCH[1]}")
  probe_role_of[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
done

# The partition of a region's ARNs: the lookup role of a China or GovCloud account is not in `aws`.
partition() {
  case $1 in
    cn-*) echo aws-cn ;;
    us-gov-*) echo aws-us-gov ;;
    *) echo aws ;;
  esac
}

# Session credentials per role, assumed once up front in this shell (the bake is shorter than a session's hour).
declare -A session_of
assume() { # roleArn
  [ -n "${session_of[$1]:-}" ] && return
  session_of[$1]=$(aws sts assume-role --role-arn "$1" --role-session-name canary-validation \
    --query '[Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken]' --output text)
}
as_role() { # roleArn aws-args... : one AWS CLI call with the role's credentials
  local key secret token
  read -r key secret token <<<"${session_of[$1]:?role $1 was not assumed}"
  shift
  AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token aws "$@"
}
lookup_role() { # stack -> the CDK lookup role of the stack's account and region
  local account=${account_of[$1]} region=${region_of[$1]}
  echo "arn:$(partition "$region"):iam::${account}:role/cdk-${qualifier}-lookup-role-${account}-${region}"
}

# A stack's own alarms: CloudFormation names an alarm it creates <stackName>-<logicalId>-<random suffix>, logical id
# and suffix both alphanumeric (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html),
# and no tenant stack names one by hand (RolloutAlarmsTest). So a name that starts with "<stackName>-" and is
# followed by exactly two alphanumeric parts is this stack's, and acme-corp's "...-acme-corp-<id>-<suffix>" never
# is acme's. Prints "<count of own alarms> <names of own alarms in ALARM>".
own_alarms() { # stack
  local stack=$1 listed name state count=0 firing=""
  listed=$(as_role "$(lookup_role "$stack")" cloudwatch describe-alarms --region "${region_of[$stack]}" \
    --alarm-name-prefix "${stack}-" --alarm-types MetricAlarm --output text \
    --query 'MetricAlarms[].[AlarmName,StateValue]')
  while read -r name state; do
    [[ ${name#"${stack}-"} =~ ^[A-Za-z0-9]+-[A-Za-z0-9]+$ ]] || continue
    count=$((count + 1))
    if [ "$state" = ALARM ]; then firing+=" $name"; fi
  done <<<"$listed"
  echo "$count$firing"
}

for stack in "${stacks[@]}"; do assume "$(lookup_role "$stack")"; done

outputs() { # stack -> its outputs, one "key<TAB>value" per line
  as_role "$(lookup_role "$1")" cloudformation describe-stacks --region "${region_of[$1]}" --stack-name "$1" \
    --output text --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]'
}

# A probed canary's ID token: its probe user (created on first use) is given a fresh random password, never
# stored, and signed in with ADMIN_USER_PASSWORD_AUTH, all through the stack's probe role.
declare -A url_of token_of ok_of codes_of
sign_in() { # stack
  local stack=$1 region=${region_of[$1]} role=${probe_role_of[$1]} key value password
  local -A out=()
  while IFS=$'\t' read -r key value; do
    [ -n "$key" ] && out[$key]=$value
  done <<<"$(outputs "$stack")"
  for key in UserPoolId AppClientId ProbeTenantId ProbeTier ProbeUserName ProbeApiUrl; do
    [ -n "${out[$key]:-}" ] \
      || { echo "canary $stack lacks its probe output $key (is it a canary tenant stack?)" >&2; exit 1; }
  done
  local pool=${out[UserPoolId]} client=${out[AppClientId]} tenant=${out[ProbeTenantId]} tier=${out[ProbeTier]}
  local user=${out[ProbeUserName]}
  url_of[$stack]=${out[ProbeApiUrl]}
  if ! err=$(as_role "$role" cognito-idp admin-create-user --region "$region" --user-pool-id "$pool" \
      --username "$user" --message-action SUPPRESS --output text --query User.Username \
      --user-attributes Name=email,Value="$user" Name=email_verified,Value=true \
      Name=custom:tenantId,Value="$tenant" Name=custom:userRole,Value=TenantUser Name=custom:tier,Value="$tier" \
      2>&1 >/dev/null); then
    [[ $err == *UsernameExistsException* ]] || { echo "$err" >&2; exit 1; }
  fi
  # Meets the pools' policy (12+ characters, upper, lower, digit, symbol) whatever the random part holds.
  password="Pr0be!$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  as_role "$role" cognito-idp admin-set-user-password --region "$region" --user-pool-id "$pool" \
    --username "$user" --password "$password" --permanent
  token_of[$stack]=$(as_role "$role" cognito-idp admin-initiate-auth --region "$region" --user-pool-id "$pool" \
    --client-id "$client" --auth-flow ADMIN_USER_PASSWORD_AUTH \
    --auth-parameters USERNAME="$user",PASSWORD="$password" \
    --query AuthenticationResult.IdToken --output text)
  ok_of[$stack]=0
  codes_of[$stack]=""
}

probe() { # stack: PROBE_REQUESTS reads of the tenant's own data through its API, counted by answer
  local stack=$1 status
  for ((n = 0; n < requests; n++)); do
    status=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 \
      -H "Authorization: Bearer ${token_of[$stack]}" "${url_of[$stack]%/}/${path}" || true)
    codes_of[$stack]+=" $status"
    if [[ $status == 2?? ]]; then ok_of[$stack]=$((ok_of[$stack] + 1)); fi
  done
}

for stack in "${probed[@]}"; do
  assume "${probe_role_of[$stack]}"
  sign_in "$stack"
done

deadline=$(( $(date +%s) + bake ))
while :; do
  for stack in "${probed[@]}"; do probe "$stack"; done
  for stack in "${stacks[@]}"; do
    read -r count firing <<<"$(own_alarms "$stack")"
    # A stack without alarms is not watched at all: nothing could ever fail it.
    [ "$count" -gt 0 ] || { echo "canary $stack has no CloudWatch alarms: nothing watches it" >&2; exit 1; }
    if [ -n "$firing" ]; then
      echo "canary $stack (${account_of[$stack]}/${region_of[$stack]}) has alarms in ALARM: $firing" >&2
      exit 1
    fi
  done
  [ "$(date +%s)" -ge "$deadline" ] && break
  sleep "$poll"
done
for stack in "${probed[@]}"; do
  if [ "${ok_of[$stack]}" -eq 0 ]; then
    echo "canary $stack: none of its probe requests succeeded (HTTP:${codes_of[$stack]}); a canary that served" \
      "no request is not validated" >&2
    exit 1
  fi
  echo "canary $stack: ${ok_of[$stack]} probe requests succeeded (HTTP:${codes_of[$stack]})"
done
echo "canary stacks stayed healthy for ${bake}s: ${canaries[*]}"
