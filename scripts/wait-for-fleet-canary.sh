#!/usr/bin/env bash
# The fleet canary gate, run before the first tenant wave of every pipeline but the fleet canary's: waits until the
# canary pipeline's ValidateCanary action has succeeded for this execution's source revision, and fails when it
# failed, when the canary pipeline's every execution of that revision ended without validating it (failed, stopped,
# superseded), or after TIMEOUT_SECONDS. So no tenant of any pipeline gets a release its canary has not validated.
#   env: CANARY_PIPELINE (the fleet canary's pipeline)  SOURCE_REVISION (this execution's commit)
#        CANARY_ACTION (default ValidateCanary)  TIMEOUT_SECONDS (default 7200)  POLL_SECONDS (default 30)
# Reads CodePipeline's ListPipelineExecutions (each execution's sourceRevisions) and ListActionExecutions (filtered
# by pipelineExecutionId), https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_ListActionExecutions.html,
# with the build's own credentials, which may read the canary pipeline only.
set -euo pipefail
shopt -s inherit_errexit
pipeline=${CANARY_PIPELINE:?CANARY_PIPELINE is required}
revision=${SOURCE_REVISION:?SOURCE_REVISION is required}
action=${CANARY_ACTION:-ValidateCanary}
timeout=${TIMEOUT_SECONDS:-7200}
poll=${POLL_SECONDS:-30}
[[ $revision =~ ^[A-Za-z0-9._/-]+$ ]] || { echo "SOURCE_REVISION '$revision' is not a revision id" >&2; exit 1; }

# One look: prints "succeeded", "failed <why>" or "waiting <why>".
look() {
  local executions id status latest running=0 seen=0
  # The newest executions first; 100 reach far beyond the life of one release.
  executions=$(aws codepipeline list-pipeline-executions --pipeline-name "$pipeline" --max-items 100 --output text \
    --query "pipelineExecutionSummaries[?sourceRevisions[?revisionId=='${revision}']].[pipelineExecutionId,status]")
  while read -r id status; do
    [ -n "$id" ] && [ "$id" != None ] || continue
    seen=$((seen + 1))
    # A retried action runs again in the same execution: its newest run is the one that counts.
    latest=$(aws codepipeline list-action-executions --pipeline-name "$pipeline" \
      --filter "pipelineExecutionId=${id}" --output text \
      --query "sort_by(actionExecutionDetails[?actionName=='${action}'], &startTime)[-1].status")
    case $latest in
      Succeeded) echo "succeeded"; return ;;
      Failed | Abandoned) echo "failed $action of execution $id is $latest"; return ;;
    esac
    case $status in
      InProgress | Stopping) running=1 ;;
    esac
  done <<<"$executions"
  if [ "$seen" -eq 0 ]; then
    echo "waiting: $pipeline has no execution of $revision yet"
  elif [ "$running" -eq 1 ]; then
    echo "waiting: $pipeline is running $revision, $action has not succeeded yet"
  else
    echo "failed every execution of $revision in $pipeline ended without $action succeeding"
  fi
}

deadline=$(( $(date +%s) + timeout ))
while :; do
  result=$(look)
  case $result in
    succeeded)
      echo "fleet canary validated $revision in $pipeline"
      exit 0 ;;
    failed*)
      echo "fleet canary gate: ${result#failed }: this pipeline's tenants do not get $revision" >&2
      exit 1 ;;
  esac
  echo "$result"
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "fleet canary gate: $action of $pipeline did not succeed for $revision within ${timeout}s" >&2
    exit 1
  fi
  sleep "$poll"
done
