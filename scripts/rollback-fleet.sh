#!/usr/bin/env bash
# Fast way back from a bad release: rolls every deployment stage (Baseline, Canary, Wave-*) of each fleet pipeline
# back to the release before the newest one, with CodePipeline stage rollback: each stage redeploys the templates
# and assets of that execution without a new synth or self-mutation
# (https://docs.aws.amazon.com/codepipeline/latest/userguide/stage-rollback.html). The Canary stage's own steps run
# again with it (ValidateCanary's bake, and ApproveRelease when the catalog asks for approval: approve it).
# First the transition into Build is disabled, so that no later execution (an onboarding, a queued merge) rebuilds
# the bad branch head over the rollback; enable it once a revert is merged. Run by an operator with credentials for
# the pipeline account. Limits (same page): the target execution must have started in the current pipeline structure
# version (a release that also added or moved tenants cannot be rolled back this way: revert the commit and let the
# pipeline roll it), and a stage rollback cannot target a rollback execution.
# Stages roll back one at a time per pipeline (CodePipeline refuses a second operation while one runs).
#   usage: rollback-fleet.sh <pipeline> [<pipeline> ...]
#   env:   POLL_SECONDS (default 15)  STAGE_TIMEOUT_SECONDS (default 3600)  AWS_REGION (the pipeline region)
set -euo pipefail
shopt -s inherit_errexit
poll=${POLL_SECONDS:-15}
stage_timeout=${STAGE_TIMEOUT_SECONDS:-3600}
[ "$#" -gt 0 ] || { echo "usage: rollback-fleet.sh <pipeline> [<pipeline> ...]" >&2; exit 1; }

for pipeline in "$@"; do
  # Standard executions (not earlier rollbacks), newest first: the newest is the bad release, whatever its status;
  # the target is the newest succeeded one before it.
  bad="" target=""
  while read -r id status; do
    [ -n "${id:-}" ] && [ "$id" != "None" ] || continue
    if [ -z "$bad" ]; then bad=$id; continue; fi
    if [ "$status" = "Succeeded" ]; then target=$id; break; fi
  done < <(aws codepipeline list-pipeline-executions --pipeline-name "$pipeline" \
    --query "pipelineExecutionSummaries[?executionType==null || executionType=='STANDARD'].[pipelineExecutionId,status]" \
    --output text)
  if [ -z "$target" ]; then
    echo "$pipeline: no succeeded release before the newest one ($bad) to roll back to" >&2
    exit 1
  fi
  aws codepipeline disable-stage-transition --pipeline-name "$pipeline" --stage-name Build \
    --transition-type Inbound --reason "Rolled back from $bad to $target: merge a revert, then enable this transition"
  mapfile -t stages < <(aws codepipeline get-pipeline-state --name "$pipeline" \
    --query 'stageStates[].stageName' --output text | tr '\t' '\n' | grep -E '^(Baseline|Canary|Wave-.+)$' || true)
  [ "${#stages[@]}" -gt 0 ] || { echo "$pipeline: no deployment stage found" >&2; exit 1; }
  for stage in "${stages[@]}"; do
    echo "$pipeline/$stage: rolling back to execution $target"
    rollback=$(aws codepipeline rollback-stage --pipeline-name "$pipeline" --stage-name "$stage" \
      --target-pipeline-execution-id "$target" --query pipelineExecutionId --output text)
    # Until the stage's latest execution is this rollback, and it has ended.
    deadline=$(( $(date +%s) + stage_timeout ))
    while :; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "$pipeline/$stage: rollback $rollback not done after ${stage_timeout}s" >&2
        exit 1
      fi
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
