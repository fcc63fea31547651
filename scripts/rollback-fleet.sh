#!/usr/bin/env bash
# Fast way back from a bad release: rolls every deployment stage (Baseline, Canary, Wave-*) of each fleet pipeline
# back to that pipeline's last successful release, with CodePipeline stage rollback: each stage redeploys the
# templates and assets of the target execution, without a new synth, self-mutation or canary bake
# (https://docs.aws.amazon.com/codepipeline/latest/userguide/stage-rollback.html). Run by an operator with
# credentials for the pipeline account. Limits (same page): the target execution must have started in the current
# pipeline structure version (a release that also added or moved tenants cannot be rolled back this way: revert
# the commit instead and let the pipeline roll it), and a stage rollback cannot target a rollback execution.
# Stages roll back one at a time per pipeline (CodePipeline refuses a second operation while one runs).
#   usage: rollback-fleet.sh <pipeline> [<pipeline> ...]
#   env:   POLL_SECONDS (default 15)  AWS_REGION (the pipeline region)
set -euo pipefail
shopt -s inherit_errexit
poll=${POLL_SECONDS:-15}
[ "$#" -gt 0 ] || { echo "usage: rollback-fleet.sh <pipeline> [<pipeline> ...]" >&2; exit 1; }

for pipeline in "$@"; do
  # The newest succeeded release (a standard execution, not an earlier rollback).
  target=$(aws codepipeline list-pipeline-executions --pipeline-name "$pipeline" \
    --query "pipelineExecutionSummaries[?status=='Succeeded' && (executionType==null || executionType=='STANDARD')] | [0].pipelineExecutionId" \
    --output text)
  if [ -z "$target" ] || [ "$target" = "None" ]; then
    echo "$pipeline: no succeeded release to roll back to" >&2
    exit 1
  fi
  mapfile -t stages < <(aws codepipeline get-pipeline-state --name "$pipeline" \
    --query 'stageStates[].stageName' --output text | tr '\t' '\n' | grep -E '^(Baseline|Canary|Wave-.+)$' || true)
  [ "${#stages[@]}" -gt 0 ] || { echo "$pipeline: no deployment stage found" >&2; exit 1; }
  for stage in "${stages[@]}"; do
    echo "$pipeline/$stage: rolling back to execution $target"
    rollback=$(aws codepipeline rollback-stage --pipeline-name "$pipeline" --stage-name "$stage" \
      --target-pipeline-execution-id "$target" --query pipelineExecutionId --output text)
    # Until the stage's latest execution is this rollback, and it has ended.
    while :; do
      read -r latest status < <(aws codepipeline get-pipeline-state --name "$pipeline" \
        --query "stageStates[?stageName=='$stage'] | [0].latestExecution.[pipelineExecutionId,status]" --output text)
      if [ "$latest" != "$rollback" ]; then sleep "$poll"; continue; fi
      case "$status" in
        Succeeded) break ;;
        InProgress|Stopping) sleep "$poll" ;;
        *) echo "$pipeline/$stage: rollback ended $status: see the pipeline's execution history" >&2; exit 1 ;;
      esac
    done
  done
  echo "$pipeline: ${#stages[@]} stages rolled back to $target"
done
