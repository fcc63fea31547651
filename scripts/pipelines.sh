#!/usr/bin/env bash
# Keeps the fleet's pipelines in step with the assembly. Run by the first pipeline (the one that deploys the
# baseline) before its first wave, after its own self-mutation:
#   1. `cdk deploy` of every other pipeline stack of the assembly: a pipeline the fleet gained is created (and starts
#      on its own: "When a pipeline is created, a pipeline execution starts automatically",
#      https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-about-starting.html), the others are
#      updated to this release's shape (each also mutates itself);
#   2. DeleteStack (by stack id) of every stack of this fleet named <PIPELINE_PREFIX>-<suffix> that the assembly no
#      longer has: a pipeline the fleet lost stops and goes (its retained tables stay).
#   env: ASSEMBLY (default cdk.out)  PIPELINE_PREFIX (the fleet's first pipeline, <fleet>-fleet)
#        PIPELINE_STACKS ("name ...": the other pipeline stacks of the assembly; empty for a one-pipeline fleet)
#        MANAGED_BY (the fleet's ManagedBy tag)  DEPLOY_ROLE_ARN (the pipeline account's CDK deploy role)
#        AWS_REGION (the pipeline region)
set -euo pipefail
shopt -s inherit_errexit
assembly=${ASSEMBLY:-cdk.out}
: "${PIPELINE_PREFIX:?PIPELINE_PREFIX is not set}" "${MANAGED_BY:?MANAGED_BY is not set}"
: "${DEPLOY_ROLE_ARN:?DEPLOY_ROLE_ARN is not set}"
read -ra wanted <<<"${PIPELINE_STACKS:-}"
for name in "${wanted[@]}"; do
  [[ $name =~ ^${PIPELINE_PREFIX}-[a-z0-9]+$ ]] \
    || { echo "PIPELINE_STACKS entry '$name' is not ${PIPELINE_PREFIX}-<suffix>" >&2; exit 1; }
  [ -f "$assembly/$name.template.json" ] \
    || { echo "pipeline stack $name is not in the assembly $assembly: nothing deployed" >&2; exit 1; }
done

if [ "${#wanted[@]}" -gt 0 ]; then
  # The pinned CLI of package.json (npm ci ran before). With their dependencies: CodePipeline's cross-region support
  # stacks (<pipeline>-support-<region>, shared by the fleet's pipelines), which a sibling deploying to a region no
  # other pipeline used needs first; the pipelines depend on nothing else.
  npx cdk deploy --app "$assembly" --require-approval never "${wanted[@]}"
fi

creds=$(aws sts assume-role --role-arn "$DEPLOY_ROLE_ARN" --role-session-name fleet-pipelines \
  --query '[Credentials.AccessKeyId,Credentials.SecretAccessKey,Credentials.SessionToken]' --output text)
read -r key secret token <<<"$creds"
deployed=$(AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
  aws cloudformation describe-stacks \
  --query "Stacks[?Tags[?Key=='ManagedBy' && Value=='${MANAGED_BY}']].[StackName,StackId]" --output text)
retired=0
while read -r name id; do
  [ -n "${name:-}" ] && [ "$name" != "None" ] || continue
  [[ $name =~ ^${PIPELINE_PREFIX}-[a-z0-9]+$ ]] || continue
  keep=false
  for w in "${wanted[@]}"; do [ "$w" = "$name" ] && keep=true; done
  if [ "$keep" = false ]; then
    echo "retiring pipeline stack $name ($id): no longer in the assembly"
    AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
      aws cloudformation delete-stack --stack-name "$id"
    retired=$((retired + 1))
  fi
done <<<"$deployed"
echo "pipelines in step: ${#wanted[@]} deployed beside ${PIPELINE_PREFIX}, $retired retired"
