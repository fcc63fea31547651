#!/usr/bin/env bash
# Keeps the fleet's pipelines in step with the assembly. Run by the first pipeline (the one that deploys the
# baseline) before its first wave, after its own self-mutation:
#   1. `cdk deploy` of every other pipeline stack of the assembly that does not exist yet: a pipeline the fleet gained
#      is created (and starts on its own: "When a pipeline is created, a pipeline execution starts automatically",
#      https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-about-starting.html); the others mutate
#      themselves;
#   2. DeleteStack (by stack id) of every stack of this fleet named <PIPELINE_PREFIX>-<suffix> that the assembly no
#      longer has: a pipeline the fleet lost stops and goes (its retained tables stay); then, in each of the fleet's
#      other regions, that pipeline's CodePipeline support stack (<PIPELINE_PREFIX>-<suffix>-support-<region>; each
#      pipeline has its own).
#   env: ASSEMBLY (default cdk.out)  PIPELINE_PREFIX (the fleet's first pipeline, <fleet>-fleet)
#        PIPELINE_STACKS ("name ...": the other pipeline stacks of the assembly; empty for a one-pipeline fleet)
#        MANAGED_BY (the fleet's ManagedBy tag)  DEPLOY_ROLE_ARN (the pipeline account's CDK deploy role)
#        PIPELINE_REGION (the pipeline region, the last part of DEPLOY_ROLE_ARN)
#        SUPPORT_REGIONS ("region ...": the fleet's other regions; the deploy role there is DEPLOY_ROLE_ARN's with
#        that region)
set -euo pipefail
shopt -s inherit_errexit
assembly=${ASSEMBLY:-cdk.out}
: "${PIPELINE_PREFIX:?PIPELINE_PREFIX is not set}" "${MANAGED_BY:?MANAGED_BY is not set}"
: "${DEPLOY_ROLE_ARN:?DEPLOY_ROLE_ARN is not set}" "${PIPELINE_REGION:?PIPELINE_REGION is not set}"
[[ $DEPLOY_ROLE_ARN == *-"$PIPELINE_REGION" ]] \
  || { echo "DEPLOY_ROLE_ARN $DEPLOY_ROLE_ARN is not the deploy role of $PIPELINE_REGION" >&2; exit 1; }
read -ra regions <<<"${SUPPORT_REGIONS:-}"
read -ra wanted <<<"${PIPELINE_STACKS:-}"
for name in "${wanted[@]}"; do
  [[ $name =~ ^${PIPELINE_PREFIX}-[a-z0-9]+$ ]] \
    || { echo "PIPELINE_STACKS entry '$name' is not ${PIPELINE_PREFIX}-<suffix>" >&2; exit 1; }
  [ -f "$assembly/$name.template.json" ] \
    || { echo "pipeline stack $name is not in the assembly $assembly: nothing deployed" >&2; exit 1; }
done

# The deploy role of one region (credentials as "key secret token").
role_credentials() {
  aws sts assume-role --role-arn "${DEPLOY_ROLE_ARN%"$PIPELINE_REGION"}$1" --role-session-name fleet-pipelines \
    --query '[Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken]' --output text
}
# "name id status" lines of the fleet's stacks in one region.
fleet_stacks() { # region key secret token
  AWS_ACCESS_KEY_ID=$2 AWS_SECRET_ACCESS_KEY=$3 AWS_SESSION_TOKEN=$4 aws cloudformation describe-stacks \
    --region "$1" --query "Stacks[?Tags[?Key=='ManagedBy' && Value=='${MANAGED_BY}']].[StackName,StackId,StackStatus]" \
    --output text
}
wanted_name() { local w; for w in "${wanted[@]}"; do [ "$w" = "$1" ] && return 0; done; return 1; }

read -r key secret token <<<"$(role_credentials "$PIPELINE_REGION")"
deployed=$(fleet_stacks "$PIPELINE_REGION" "$key" "$secret" "$token")
# Siblings the fleet gained are created (each starts on its creation); existing ones are left to their own
# self-mutation, which waits for their older executions (scripts/await-older-executions.sh): a deploy from here could
# change a sibling's structure under a release it is still running, and CodePipeline would end that release.
# A sibling whose first create failed (ROLLBACK_COMPLETE) is created again: the CLI replaces such a stack.
new=()
for name in "${wanted[@]}"; do
  grep -v "[[:space:]]ROLLBACK_COMPLETE$" <<<"$deployed" | grep -q "^${name}[[:space:]]" || new+=("$name")
done
if [ "${#new[@]}" -gt 0 ]; then
  # The pinned CLI of package.json (npm ci ran before). With their dependencies: each new sibling's own CodePipeline
  # cross-region support stacks (<pipeline>-support-<region>); the pipelines depend on nothing else.
  npx cdk deploy --app "$assembly" --require-approval never "${new[@]}"
fi

retired=0
while read -r name id _; do
  [ -n "${name:-}" ] && [ "$name" != "None" ] || continue
  [[ $name =~ ^${PIPELINE_PREFIX}-[a-z0-9]+$ ]] || continue
  if ! wanted_name "$name"; then
    echo "retiring pipeline stack $name ($id): no longer in the assembly"
    AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
      aws cloudformation delete-stack --region "$PIPELINE_REGION" --stack-name "$id"
    retired=$((retired + 1))
  fi
done <<<"$deployed"

# Support stacks of pipelines the assembly no longer has, in every other region of the fleet (a region the fleet
# left altogether is not looked at: its support stacks stay, README says so). The first pipeline's are never touched.
support=0
for region in "${regions[@]}"; do
  [[ $region =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] || { echo "SUPPORT_REGIONS entry '$region' is not a region" >&2; exit 1; }
  read -r rkey rsecret rtoken <<<"$(role_credentials "$region")"
  while read -r name id _; do
    [ -n "${name:-}" ] && [ "$name" != "None" ] || continue
    [[ $name =~ ^(${PIPELINE_PREFIX}-[a-z0-9]+)-support-${region}$ ]] || continue
    if ! wanted_name "${BASH_REMATCH[1]}"; then
      echo "retiring support stack $name ($id) of ${BASH_REMATCH[1]}: no longer in the assembly"
      AWS_ACCESS_KEY_ID=$rkey AWS_SECRET_ACCESS_KEY=$rsecret AWS_SESSION_TOKEN=$rtoken \
        aws cloudformation delete-stack --region "$region" --stack-name "$id"
      support=$((support + 1))
    fi
  done <<<"$(fleet_stacks "$region" "$rkey" "$rsecret" "$rtoken")"
done
echo "pipelines in step: ${#new[@]} of ${#wanted[@]} created beside ${PIPELINE_PREFIX}, $retired retired ($support support stacks)"
