#!/usr/bin/env bash
# The onboarding fast lane (README "Onboarding latency"), run by the fleet's onboard CodeBuild project, which the
# onboarding trigger starts once per new silo tenant with TENANT_ID: creates the tenant's stack from the last
# *released* revision, ahead of the pipelines, and activates the tenant. The tenant's pipeline later reaches the
# tenant's wave, finds the stack with the same template (an empty change set) and so adopts it.
#   1. the released revision: the newest Succeeded execution of PIPELINE_NAME (ListPipelineExecutions lists the
#      newest first) and its Source stage's output artifact, an S3 object in the pipeline's artifact bucket
#      (ListActionExecutions: output.outputArtifacts[].s3location,
#      https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ArtifactDetail.html). None yet: exit 0, the
#      pipeline onboards the tenant. Never the branch head: the released revision passed the fleet canary.
#   2. that source unpacked in WORK_DIR; `npm ci` and `npx cdk synth -c tenantSource=dynamodb -c onlyTenant=<id>`,
#      the pipeline synth's own commands (cdk.json's app builds the functions jar with Maven): only that stack.
#   3. the stack exists already in the tenant's account (asked through the account's CDK deploy role, which the
#      deploy assumes anyway): the pipeline got there first, exit 0.
#   4. `cdk deploy` of that one stack, selected by its path in the assembly (the CLI assumes the account's CDK
#      deploy and file-publishing roles named in the assembly, as the pipeline's actions do).
#   5. activation: activate-silos.sh (beside this script) for this one tenant (TENANT_IDS).
# Each failing step fails the build naming the step.
#   env: TENANT_ID  PIPELINE_NAME (the fleet's first pipeline)  AWS_REGION  BOOTSTRAP_QUALIFIER (default hnb659fds)
#        WORK_DIR (default: a new temporary directory)  BASELINE_STACK, ADMIN_API_URL (activate-silos.sh)
set -euo pipefail
shopt -s inherit_errexit
tenant=${TENANT_ID:?TENANT_ID is required}
pipeline=${PIPELINE_NAME:?PIPELINE_NAME is required}
: "${AWS_REGION:?AWS_REGION is required}"
qualifier=${BOOTSTRAP_QUALIFIER:-hnb659fds}
[[ $tenant =~ ^[a-z0-9][a-z0-9-]{2,35}$ ]] || { echo "TENANT_ID '$tenant' is not a tenant id" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
work=${WORK_DIR:-$(mktemp -d)}

fail() { # step, message
  echo "onboard $tenant: step '$1' failed: $2" >&2
  exit 1
}

# 1. The released revision.
execution=$(aws codepipeline list-pipeline-executions --pipeline-name "$pipeline" --max-items 100 --output text \
  --query "pipelineExecutionSummaries[?status=='Succeeded'] | [0].pipelineExecutionId") \
  || fail "released revision" "ListPipelineExecutions of $pipeline"
if [ -z "$execution" ] || [ "$execution" = None ]; then
  echo "onboard $tenant: $pipeline has no succeeded execution yet: nothing released to deploy from; the pipeline onboards $tenant"
  exit 0
fi
location=$(aws codepipeline list-action-executions --pipeline-name "$pipeline" \
  --filter "pipelineExecutionId=${execution}" --output text \
  --query "actionExecutionDetails[?stageName=='Source'] | [0].output.outputArtifacts[0].s3location.[bucket, key]") \
  || fail "released revision" "ListActionExecutions of execution $execution"
read -r bucket key <<<"$location"
[ -n "${key:-}" ] && [ "$bucket" != None ] \
  || fail "released revision" "execution $execution of $pipeline has no Source output artifact"
echo "onboard $tenant: released revision of execution $execution (s3://$bucket/$key)"

# 2. Its source, built and synthesized for this tenant only.
mkdir -p "$work/source"
aws s3 cp --only-show-errors "s3://$bucket/$key" "$work/source.zip" || fail "download" "s3://$bucket/$key"
unzip -q -o "$work/source.zip" -d "$work/source" || fail "download" "unzip of s3://$bucket/$key"
cd "$work/source"
npm ci || fail "install" "npm ci"
npx cdk synth -q -c tenantSource=dynamodb -c "onlyTenant=$tenant" -o "$work/cdk.out" >/dev/null \
  || fail "synth" "cdk synth -c onlyTenant=$tenant"
# The one stack artifact of the one nested assembly: its path, stack name and account/region.
stack=$(jq -r -s '[.[] | .artifacts | to_entries[] | select(.value.type == "aws:cloudformation:stack")]
  | if length == 1 then .[0].value | [.displayName, .properties.stackName, .environment] | @tsv else empty end' \
  "$work"/cdk.out/assembly-*/manifest.json) || true
[ -n "$stack" ] || fail "synth" "the assembly does not hold exactly one stack"
IFS=$'\t' read -r path stack_name environment <<<"$stack"
[[ $environment =~ ^aws://([0-9]{12})/([a-z0-9-]+)$ ]] || fail "synth" "stack $stack_name has no account/region"
account=${BASH_REMATCH[1]}
region=${BASH_REMATCH[2]}

# 3. Created already (by the pipeline, or an earlier run of this build)?
partition=aws
case $region in cn-*) partition=aws-cn ;; us-gov-*) partition=aws-us-gov ;; esac
creds=$(aws sts assume-role --role-session-name "onboard-$tenant" --output text \
  --role-arn "arn:$partition:iam::$account:role/cdk-$qualifier-deploy-role-$account-$region" \
  --query '[Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken]') \
  || fail "stack check" "AssumeRole of the deploy role of $account/$region"
read -r deploy_key deploy_secret deploy_token <<<"$creds"
if status=$(AWS_ACCESS_KEY_ID=$deploy_key AWS_SECRET_ACCESS_KEY=$deploy_secret AWS_SESSION_TOKEN=$deploy_token \
  aws cloudformation describe-stacks --region "$region" --stack-name "$stack_name" \
  --query 'Stacks[0].StackStatus' --output text 2>"$work/describe.err"); then
  echo "onboard $tenant: stack $stack_name exists already ($status) in $account/$region: left to the pipeline"
  exit 0
fi
grep -q 'does not exist' "$work/describe.err" \
  || fail "stack check" "DescribeStacks $stack_name: $(head -c 300 "$work/describe.err")"

# 4. Create it.
echo "onboard $tenant: deploying $stack_name ($path) to $account/$region"
npx cdk deploy --app "$work/cdk.out" --require-approval never --exclusively "$path" \
  || fail "deploy" "cdk deploy of $stack_name"

# 5. Activate it.
TENANT_IDS=$tenant bash "$here/activate-silos.sh" || fail "activate" "activate-silos.sh for $tenant"
echo "onboard $tenant: $stack_name created from execution $execution and $tenant activated"
