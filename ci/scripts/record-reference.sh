#!/usr/bin/env bash
# Records a new reference run for every scenario, but only when every scenario's gate passed cleanly: from the
# run folders gate.sh assembled, as the pipeline downloaded them (one folder per run artifact,
# cvkit-run-<scenario>-<attempt>; the newest attempt of each scenario counts). Writes
# <CVKIT_REFERENCE_OUT>/<scenario>.reference.json with `cvkit baseline record`; the pipeline publishes that folder,
# and a person commits the files to the baselines folder (see ci/README.md, "Reference runs").
#
# The Azure Pipelines template (ci/azure-pipelines/stages/record-reference.yml) and the GitHub Actions workflow
# both run this script; ci/rehearse.sh runs it through their own step text. Working directory: the repository root.
#
# Environment:
#   CVKIT_SCENARIOS      the scenarios, separated by spaces: each must have a run, and all must have passed (required)
#   CVKIT_RUNS_DIR       the folder holding the downloaded run folders (required)
#   CVKIT_REFERENCE_OUT  where the reference runs are written (required; created)
#   CVKIT_EVALUATOR_JAR  the evaluator (default evaluator/target/cvkit-evaluator.jar)
#   JAVA                 the java command (default: java on PATH)
#
# Exit code: 0 when every reference was recorded, and also when none was because a scenario's verdict was warn or
# fail (a warned run is not a failure, but neither is it a reference: the script says which scenario, and writes
# nothing); 3 when a scenario has no run folder, no verdict or no results; otherwise `cvkit baseline record`'s.
set -uo pipefail

die() {
  echo "cvkit record-reference: $(log_text "$2")" >&2
  exit "$1"
}

# log_text: text from the environment and downloaded artifacts (a verdict file) made safe for a log line.
. "$(dirname "${BASH_SOURCE[0]}")/lib/log-text.sh"

scenarios="${CVKIT_SCENARIOS:-}"
runs="${CVKIT_RUNS_DIR:-}"
out="${CVKIT_REFERENCE_OUT:-}"
evaluator="${CVKIT_EVALUATOR_JAR:-evaluator/target/cvkit-evaluator.jar}"
java="${JAVA:-java}"

[ -n "${scenarios// /}" ] || die 2 "CVKIT_SCENARIOS is not set: name the scenarios whose runs become references"
[ -n "$runs" ] || die 2 "CVKIT_RUNS_DIR is not set: name the folder of the downloaded run artifacts"
[ -n "$out" ] || die 2 "CVKIT_REFERENCE_OUT is not set: name the folder for the reference runs"
[ -d "$runs" ] || die 3 "no run artifacts at $runs"
[ -f "$evaluator" ] || die 3 "no evaluator jar at $evaluator"

# newest_run SCENARIO: the run folder of the scenario's highest attempt, or nothing.
newest_run() {
  local scenario="$1" best="" best_attempt=-1 dir name attempt
  for dir in "$runs"/cvkit-run-"$scenario"-*; do
    [ -d "$dir" ] || continue
    name="$(basename "$dir")"
    attempt="${name#cvkit-run-"$scenario"-}"
    # cvkit-run-chaos-latency-1 is not a run of a scenario called "chaos": the rest must be the attempt number.
    [[ "$attempt" =~ ^[0-9]+$ ]] || continue
    if [ "$attempt" -gt "$best_attempt" ]; then
      best="$dir"
      best_attempt="$attempt"
    fi
  done
  echo "$best"
}

declare -A run_of
for scenario in $scenarios; do
  run="$(newest_run "$scenario")"
  [ -n "$run" ] || die 3 "no run of scenario '$scenario' in $runs (expected a folder cvkit-run-$scenario-<attempt>)"
  [ -f "$run/reports/verdict" ] || die 3 "$run has no reports/verdict: was it assembled by ci/scripts/gate.sh?"
  verdict="$(cat "$run/reports/verdict")"
  if [ "$verdict" != pass ]; then
    echo "cvkit record-reference: $(log_text "scenario $scenario's verdict is '$verdict' in $run"): only a run in which" \
      "every scenario passed becomes the reference; nothing recorded"
    exit 0
  fi
  run_of[$scenario]="$run"
done

mkdir -p "$out" || die 2 "cannot create $out"
for scenario in $scenarios; do
  run="${run_of[$scenario]}"
  results="$run/results/results.zip"
  if [ ! -f "$results" ]; then
    results="$run/results"
  fi
  [ -e "$results" ] || die 3 "$run has no results to record"
  "$java" -jar "$evaluator" baseline record --results "$results" --out "$out/$scenario.reference.json" \
    || die $? "recording scenario $scenario's reference from $results failed"
done
echo "cvkit record-reference: recorded $(echo $scenarios | wc -w) reference run(s) in $out"
