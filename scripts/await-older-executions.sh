#!/usr/bin/env bash
# Holds this pipeline execution at the start of its synth (so before its self-mutation) until every older execution
# of the same pipeline has ended. A self-mutation that changes the pipeline's structure makes CodePipeline end the
# executions still running in it ("editing a pipeline",
# https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-edit.html), and an onboarding's execution, queued
# behind a release (ExecutionMode QUEUED), reaches its UpdatePipeline stage while the release is still in later stages
# (a stage holds one execution at a time; stages do not wait for the whole pipeline). Waiting here, before the synth,
# also gives the synth the newest catalog, so onboardings queued during one release are deployed by the first of them.
#   env: PIPELINE_NAME (this pipeline)  EXECUTION_ID (this execution: #{codepipeline.PipelineExecutionId})
#        TIMEOUT_SECONDS (default 21600)  POLL_SECONDS (default 30)
# Older = started before this one (ListPipelineExecutions' startTime); running = InProgress or Stopping
# (https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineExecutionSummary.html).
set -euo pipefail
shopt -s inherit_errexit
pipeline=${PIPELINE_NAME:?PIPELINE_NAME is required}
own=${EXECUTION_ID:?EXECUTION_ID is required}
timeout=${TIMEOUT_SECONDS:-21600}
poll=${POLL_SECONDS:-30}
[[ $own =~ ^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$ ]] \
  || { echo "EXECUTION_ID '$own' is not a pipeline execution id" >&2; exit 1; }

# One look: prints "clear", "waiting <ids>" or "unknown".
look() {
  local id status found=0
  local -a older=()
  while read -r id status; do
    [ -n "$id" ] && [ "$id" != None ] || continue
    if [ "$id" = "$own" ]; then
      found=1
      break
    fi
    case $status in
      InProgress | Stopping) older+=("$id") ;;
    esac
  # The newest 500 (the CLI pages through them): a burst of onboardings during a long release stays well within.
  done <<<"$(aws codepipeline list-pipeline-executions --pipeline-name "$pipeline" --max-items 500 --output text \
    --query 'sort_by(pipelineExecutionSummaries, &startTime)[].[pipelineExecutionId,status]')"
  if [ "$found" -eq 0 ]; then
    echo "unknown"
  elif [ "${#older[@]}" -eq 0 ]; then
    echo "clear"
  else
    echo "waiting ${older[*]}"
  fi
}

deadline=$(( $(date +%s) + timeout ))
while :; do
  result=$(look)
  case $result in
    clear)
      echo "no older execution of $pipeline is running: $own goes on"
      exit 0 ;;
    unknown)
      echo "execution $own is not among the newest 500 executions of $pipeline" >&2
      exit 1 ;;
  esac
  echo "$own waits for older executions of $pipeline: ${result#waiting }"
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "older executions of $pipeline still running after ${timeout}s: ${result#waiting }" >&2
    exit 1
  fi
  sleep "$poll"
done
