#!/usr/bin/env bash
# Rehearses the pipelines' cvkit steps on this machine, so that a change that breaks a pipeline step fails here
# before it fails in Azure Pipelines or GitHub Actions.
#
# The steps are taken out of the pipeline files themselves, exactly as written there (ci/rehearse/PipelineStep.java
# reads the YAML): the script body, its env: mapping and its working directory, with the pipeline's variables and
# template expressions set to local values. They run on results the sandbox writes during the rehearsal
# (./cvkit demo --scenario S with short load and fault times, its JTL packed into a results.zip as ALT downloads it),
# never on committed results. Rehearsed, from ci/azure-pipelines/ and ci/github/continuous-validation.yml alike:
#   cvkit_check_configs / cvkit-check-configs   every ALT config checked (must pass)
#   cvkit_gate / cvkit-gate                     per scenario: the gate's exit code and verdict are the evaluator's
#                                               (the demo's own verdict when no reference run is involved); every
#                                               report is written; Azure: the summary is uploaded (##vso) and a warn
#                                               marks the step; GitHub: the job summary is appended, warn and fail annotated;
#                                               the same results against baselines that fail and warn fail and mark
#                                               the step; and a run without results (empty results.zip) fails it
#   cvkit_record / cvkit-record                 references recorded when every scenario passed, nothing otherwise
# Not rehearsed: Maven, ALT itself, Azure login, the experiment guard (needs Azure), artifact upload and download
# (simulated by copying), and the conditions under which steps run.
#
# Usage: ci/rehearse.sh [--scenarios "normal chaos-stamp-failure"] [--keep]
#   --scenarios  the scenarios to run in the sandbox (default: one without and one with a fault)
#   --keep       keep the rehearsal folder (kept anyway when the rehearsal fails)
# Environment: CVKIT_NO_BUILD=1 never runs Maven (fails when a jar is missing); CVKIT_REHEARSAL_DIR the folder to
# work in (default a new folder under $TMPDIR). Exit code 0 when every rehearsed step behaved, 1 otherwise, 2 usage.
# Leaves nothing running: the only process it starts in the background, the demo, is waited for or ended by id.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ADO="$ROOT/ci/azure-pipelines"
GH_WORKFLOW="$ROOT/ci/github/continuous-validation.yml"
EVALUATOR_JAR="$ROOT/evaluator/target/cvkit-evaluator.jar"

scenarios="normal chaos-stamp-failure"
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios) [ $# -ge 2 ] || { echo "ci/rehearse.sh: --scenarios needs a value" >&2; exit 2; }; scenarios="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "ci/rehearse.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "${scenarios// /}" ] || { echo "ci/rehearse.sh: --scenarios is empty" >&2; exit 2; }

started=$(date +%s)
work="${CVKIT_REHEARSAL_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/cvkit-rehearsal.XXXXXX")}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
demo_pid=""
passed=false
steps_run=0

cleanup() {
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill "$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
  fi
  if [ "$passed" = true ] && [ "$keep" = false ]; then
    rm -rf "$work"
  else
    echo "ci/rehearse.sh: the rehearsal's files are in $work" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "rehearse: $*"; }

# fail MESSAGE [LOG...]: the rehearsal failed; shows the end of the logs that tell why.
fail() {
  echo "rehearse: FAILED: $1" >&2
  shift
  for log in "$@"; do
    if [ -s "$log" ]; then
      echo "---- $log (last 40 lines)" >&2
      tail -n 40 "$log" >&2
    fi
  done
  exit 1
}

# ---------------------------------------------------------------------------------------------------------------
# The jars: the evaluator (which also brings snakeyaml for the step reader), the sandbox and the plugins (the demo).
if [ ! -f "$EVALUATOR_JAR" ]; then
  [ "${CVKIT_NO_BUILD:-}" != 1 ] || fail "no $EVALUATOR_JAR and CVKIT_NO_BUILD=1: run 'mvn -B -DskipTests package' first"
  say "building the evaluator"
  (cd "$ROOT" && mvn -B -q -DskipTests -pl evaluator -am package) || fail "the evaluator did not build"
fi
for tool in java javac jar; do
  command -v "$tool" >/dev/null || fail "$tool not found: the rehearsal needs a JDK 17 or newer"
done

mkdir -p "$work/classes"
javac -nowarn -d "$work/classes" -cp "$EVALUATOR_JAR" "$ROOT/ci/rehearse/PipelineStep.java" 2> "$work/javac.log" \
  || fail "ci/rehearse/PipelineStep.java did not compile" "$work/javac.log"

# run_step LABEL FILE STEP_ID [--var EXPRESSION=VALUE]...: takes the step out of FILE and runs it as the agent would:
# in its working directory (the repository root when it names none), with its env: mapping, Azure Pipelines' bash
# options or GitHub Actions' (shell: bash), and the CI's own variables. Output in $work/steps/LABEL/{out,err};
# exit code in $step_exit.
step_exit=0
run_step() {
  local label="$1" file="$2" step="$3"
  shift 3
  local dir="$work/steps/$label"
  mkdir -p "$dir"
  java -cp "$EVALUATOR_JAR:$work/classes" PipelineStep --file "$file" --step "$step" --out "$dir" "$@" \
    2> "$dir/extract.err" || fail "$label: step $step could not be taken out of ${file#"$ROOT"/}" "$dir/extract.err"

  local kind workdir
  kind="$(cat "$dir/kind")"
  workdir="$(cat "$dir/workdir")"
  [ -n "$workdir" ] || workdir="$ROOT"
  local -a environment=()
  while IFS= read -r -d '' assignment; do
    environment+=("$assignment")
  done < "$dir/env"
  # The agent's own markers: only the CI being rehearsed may see itself (and none leaks in when this runs in CI).
  local -a ci=(-u TF_BUILD -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY -u GITHUB_OUTPUT -u RUNNER_TEMP)
  local -a shell
  if [ "$kind" = azure-pipelines ]; then
    ci+=(TF_BUILD=True)
    shell=(bash --noprofile --norc)
  else
    : > "$dir/step-summary.md"
    ci+=(GITHUB_ACTIONS=true "GITHUB_STEP_SUMMARY=$dir/step-summary.md" "RUNNER_TEMP=$dir/runner-temp")
    mkdir -p "$dir/runner-temp"
    shell=(bash --noprofile --norc -eo pipefail)
  fi
  step_exit=0
  (cd "$workdir" && env "${ci[@]}" "${environment[@]}" "${shell[@]}" "$dir/script") > "$dir/out" 2> "$dir/err" || step_exit=$?
  steps_run=$((steps_run + 1))
}

# json_verdict REPORT_JSON: the verdict of an evaluator --json report.
json_verdict() {
  grep -m1 -oE '"verdict"[[:space:]]*:[[:space:]]*"[a-z]+"' "$1" | grep -oE '[a-z]+"$' | tr -d '"'
}

# ---------------------------------------------------------------------------------------------------------------
say "ALT configurations (build stage)"
run_step ado-check-configs "$ADO/stages/build.yml" cvkit_check_configs --var "Build.SourcesDirectory=$ROOT"
[ "$step_exit" -eq 0 ] || fail "Azure Pipelines cvkit_check_configs exited $step_exit" "$work/steps/ado-check-configs/out" "$work/steps/ado-check-configs/err"
run_step gh-check-configs "$GH_WORKFLOW" cvkit-check-configs
[ "$step_exit" -eq 0 ] || fail "GitHub Actions cvkit-check-configs exited $step_exit" "$work/steps/gh-check-configs/out" "$work/steps/gh-check-configs/err"

# short_run SCENARIO: JMeter properties that keep the scenario to well under a minute in the sandbox.
short_run() {
  case "$1" in
    chaos-*) echo "-Jload.durationSeconds=30 -Jload.rampUpSeconds=5 -Jfault.startOffsetSeconds=8 -Jfault.durationSeconds=10" ;;
    spike) echo "-Jload.durationSeconds=30 -Jload.rampUpSeconds=5 -Jspike.startSeconds=10 -Jspike.rampUpSeconds=3 -Jspike.durationSeconds=10" ;;
    *) echo "-Jload.durationSeconds=20 -Jload.rampUpSeconds=5" ;;
  esac
}

# check_gate LABEL RUN_DIR SCENARIO EXPECTED: the gate step behaved as the evaluator decided, and its verdict is
# EXPECTED when that is not empty. Prints the verdict.
check_gate() {
  local label="$1" run_dir="$2" scenario="$3" expected="$4" out="$work/steps/$1/out" err="$work/steps/$1/err"
  local reports="$run_dir/reports"
  for report in report.json junit.xml "cvkit-$scenario.md" report.html verdict; do
    [ -s "$reports/$report" ] || fail "$label: no $report in $reports (exit $step_exit)" "$out" "$err"
  done
  [ -s "$run_dir/results/results.zip" ] || fail "$label: the results were not collected into $run_dir/results" "$out" "$err"
  grep -q '<testsuite' "$reports/junit.xml" || fail "$label: junit.xml has no <testsuite>" "$reports/junit.xml"
  grep -qi '<html' "$reports/report.html" || fail "$label: report.html is not HTML" "$reports/report.html"
  local verdict expected_exit
  verdict="$(json_verdict "$reports/report.json")"
  [ "$(cat "$reports/verdict")" = "$verdict" ] || fail "$label: reports/verdict says '$(cat "$reports/verdict")', report.json '$verdict'"
  case "$verdict" in
    pass|warn) expected_exit=0 ;;
    fail) expected_exit=1 ;;
    *) fail "$label: report.json has no verdict" "$reports/report.json" ;;
  esac
  [ "$step_exit" -eq "$expected_exit" ] || fail "$label: verdict $verdict but the step exited $step_exit (expected $expected_exit)" "$out" "$err"
  if [ -n "$expected" ] && [ "$verdict" != "$expected" ]; then
    fail "$label: verdict $verdict, expected $expected (./cvkit demo's verdict on the same results, or the rehearsal's own baseline)" "$out"
  fi
  echo "$verdict"
}

# rehearse_gates NAME SCENARIO RESULTS_JTL EXPECTED_VERDICT DISPLAY: both pipelines' gate steps on the same results, packed as
# ALT downloads them (loadTest/results.zip, one CSV per engine); every check of check_gate, then each CI's own: Azure
# Pipelines uploads the summary, marks a warn SucceededWithIssues and logs a fail as an error issue; GitHub Actions
# appends the job summary and annotates a warn or a fail. Sets $verdict; the runs are in $work/ado/NAME and
# $work/gh/NAME.
rehearse_gates() {
  local name="$1" scenario="$2" jtl="$3" expected="$4" display="$5" ci_name
  for ci_name in ado gh; do
    mkdir -p "$work/$ci_name/$name/workspace/loadTest" "$work/$ci_name/$name/engines"
    cp "$jtl" "$work/$ci_name/$name/engines/engine1.csv"
    (cd "$work/$ci_name/$name/engines" && jar --create --no-manifest --file "$work/$ci_name/$name/workspace/loadTest/results.zip" engine1.csv) \
      || fail "cannot pack $jtl into results.zip"
  done

  # ---- Azure Pipelines: steps/gate.yml, step cvkit_gate
  local ado="$work/ado/$name" out
  run_step "ado-gate-$name" "$ADO/steps/gate.yml" cvkit_gate \
    --var "scenario=$scenario" \
    --var "Build.SourcesDirectory=$ROOT" \
    --var "System.DefaultWorkingDirectory=$ado/workspace" \
    --var "Build.ArtifactStagingDirectory=$ado/staging"
  verdict="$(check_gate "ado-gate-$name" "$ado/staging/cvkit-run" "$scenario" "$expected")"
  out="$work/steps/ado-gate-$name/out"
  local summary_line
  summary_line="$(grep -m1 '^##vso\[task.uploadsummary\]' "$out" || true)"
  [ "$summary_line" = "##vso[task.uploadsummary]$ado/staging/cvkit-run/reports/cvkit-$scenario.md" ] \
    || fail "ado-gate-$name: expected the summary upload command for cvkit-$scenario.md, found '${summary_line}'" "$out"
  if [ "$verdict" = warn ]; then
    grep -q '^##vso\[task.complete result=SucceededWithIssues;' "$out" \
      || fail "ado-gate-$name: verdict warn, but the step was not marked SucceededWithIssues" "$out"
  fi
  if [ "$verdict" = fail ]; then
    grep -q '^##vso\[task.logissue type=error;' "$out" || fail "ado-gate-$name: verdict fail, but no error issue was logged" "$out"
  fi
  say "$display: Azure Pipelines gate: verdict $verdict, exit $step_exit"

  # ---- GitHub Actions: continuous-validation.yml, step cvkit-gate
  local gh="$work/gh/$name" verdict_gh
  run_step "gh-gate-$name" "$GH_WORKFLOW" cvkit-gate \
    --var "matrix.scenario=$scenario" \
    --var "github.workspace=$gh/workspace" \
    --var "runner.temp=$gh/runner-temp"
  verdict_gh="$(check_gate "gh-gate-$name" "$gh/runner-temp/cvkit-run" "$scenario" "$expected")"
  [ "$verdict_gh" = "$verdict" ] || fail "gh-gate-$name: verdict $verdict_gh, Azure Pipelines' gate said $verdict"
  out="$work/steps/gh-gate-$name/out"
  [ -s "$work/steps/gh-gate-$name/step-summary.md" ] \
    || fail "gh-gate-$name: nothing was appended to the job summary (GITHUB_STEP_SUMMARY)" "$out"
  if [ "$verdict" = warn ]; then
    grep -q '^::warning title=cvkit' "$out" || fail "gh-gate-$name: verdict warn, but no warning annotation" "$out"
  fi
  if [ "$verdict" = fail ]; then
    grep -q '^::error title=cvkit' "$out" || fail "gh-gate-$name: verdict fail, but no error annotation" "$out"
  fi
  say "$display: GitHub Actions gate: verdict $verdict, exit $step_exit"
}

all_passed=true
first_jtl=""
for scenario in $scenarios; do
  # -------------------------------------------------------------------------------------------------------------
  say "scenario $scenario: sandbox run"
  runs="$work/demo/$scenario"
  mkdir -p "$runs"
  # shellcheck disable=SC2046 # the properties are words on purpose
  "$ROOT/cvkit" demo --scenario "$scenario" --runs "$runs" --progress-interval 10 $(short_run "$scenario") \
    > "$runs.log" 2>&1 &
  demo_pid=$!
  demo_exit=0
  wait "$demo_pid" || demo_exit=$?
  demo_pid=""
  jtl="$(ls "$runs"/*/results.jtl 2>/dev/null | head -1 || true)"
  [ -s "$jtl" ] || fail "./cvkit demo --scenario $scenario (exit $demo_exit) wrote no results.jtl" "$runs.log"
  [ -n "$first_jtl" ] || first_jtl="$jtl"
  # The demo's exit code is its own verdict on the results (0 pass, 1 fail): the gates must agree with it, unless a
  # reference run makes them judge more. Any other exit with results written is the demo's own evaluation failing:
  # the results are still what the rehearsal needs.
  expected=""
  if [ "$demo_exit" -le 1 ]; then
    [ -f "$ROOT/baselines/contoso-shoes/$scenario.reference.json" ] || expected="$(json_verdict "$(dirname "$jtl")/report.json")"
  else
    echo "rehearse: warning: ./cvkit demo --scenario $scenario exited $demo_exit after writing its results" \
      "(its own evaluation failed: $(grep -m1 '^cvkit:' "$runs.log" || echo 'see its log')); rehearsing on the" \
      "results without comparing verdicts" >&2
  fi

  rehearse_gates "$scenario" "$scenario" "$jtl" "$expected" "scenario $scenario"
  [ "$verdict" = pass ] || all_passed=false

  # The run artifacts as the record steps download them (attempt 1).
  mkdir -p "$work/ado-pipeline/cvkit-runs" "$work/gh-record/runner-temp/cvkit-runs"
  cp -R "$work/ado/$scenario/staging/cvkit-run" "$work/ado-pipeline/cvkit-runs/cvkit-run-$scenario-1"
  cp -R "$work/gh/$scenario/runner-temp/cvkit-run" "$work/gh-record/runner-temp/cvkit-runs/cvkit-run-$scenario-1"
done

# ---------------------------------------------------------------------------------------------------------------
# The same results judged against baselines that fail and that warn (CVKIT_BASELINES in the agent's environment;
# the steps do not set it): the steps must fail the job, and mark it.
first="${scenarios%% *}"
for variant in fail warn; do
  mkdir -p "$work/baselines-$variant"
  if [ "$variant" = fail ]; then
    printf 'failureCriteria:\n  - count(requests) < 1000000000\n' > "$work/baselines-$variant/$first.yaml"
  else
    printf 'failureCriteria:\n  - percentage(error) > 100\nwarnCriteria:\n  - count(requests) < 1000000000\n' > "$work/baselines-$variant/$first.yaml"
  fi
  CVKIT_BASELINES="$work/baselines-$variant" \
    rehearse_gates "baseline-$variant" "$first" "$first_jtl" "$variant" "$first against a baseline that ${variant}s"
done

# ---------------------------------------------------------------------------------------------------------------
# A run without results must fail the step, never pass: ALT failed before it wrote anything but an empty file.
say "gate without results"
empty="$work/ado/empty"
mkdir -p "$empty/workspace/loadTest"
: > "$empty/workspace/loadTest/results.zip"
run_step ado-gate-empty "$ADO/steps/gate.yml" cvkit_gate \
  --var "scenario=$first" \
  --var "Build.SourcesDirectory=$ROOT" \
  --var "System.DefaultWorkingDirectory=$empty/workspace" \
  --var "Build.ArtifactStagingDirectory=$empty/staging"
[ "$step_exit" -eq 3 ] || fail "a gate on an empty results.zip exited $step_exit, expected 3 (invalid input)" \
  "$work/steps/ado-gate-empty/out" "$work/steps/ado-gate-empty/err"
[ "$(cat "$empty/staging/cvkit-run/reports/verdict")" = error ] || fail "a gate on an empty results.zip left verdict '$(cat "$empty/staging/cvkit-run/reports/verdict")'"
grep -q '^##vso\[task.logissue type=error;' "$work/steps/ado-gate-empty/out" \
  || fail "a gate on an empty results.zip logged no error issue for the pipeline" "$work/steps/ado-gate-empty/out"
rm -rf "$work/gh-missing" && mkdir -p "$work/gh-missing"
run_step gh-gate-missing "$GH_WORKFLOW" cvkit-gate \
  --var "matrix.scenario=$first" \
  --var "github.workspace=$work/gh-missing/workspace" \
  --var "runner.temp=$work/gh-missing/runner-temp"
[ "$step_exit" -eq 3 ] || fail "a gate without results.zip exited $step_exit, expected 3" "$work/steps/gh-gate-missing/err"

# ---------------------------------------------------------------------------------------------------------------
# check_record LABEL OUT_DIR: references for every scenario when all passed, none otherwise.
check_record() {
  local label="$1" out_dir="$2"
  [ "$step_exit" -eq 0 ] || fail "$label exited $step_exit" "$work/steps/$label/out" "$work/steps/$label/err"
  if [ "$all_passed" = true ]; then
    for scenario in $scenarios; do
      grep -q '"cvkit-reference-run"' "$out_dir/$scenario.reference.json" 2>/dev/null \
        || fail "$label: every scenario passed, but $out_dir/$scenario.reference.json is missing or no reference run" "$work/steps/$label/out"
    done
  else
    [ -z "$(ls -A "$out_dir" 2>/dev/null)" ] || fail "$label: a scenario did not pass, yet references were written to $out_dir"
  fi
}

say "reference runs (all passed: $all_passed)"
run_step ado-record "$ADO/stages/record-reference.yml" cvkit_record \
  --var "join(' ', parameters.scenarios.*.name)=$scenarios" \
  --var "Build.SourcesDirectory=$ROOT" \
  --var "Pipeline.Workspace=$work/ado-pipeline" \
  --var "Build.ArtifactStagingDirectory=$work/ado-pipeline/staging"
check_record ado-record "$work/ado-pipeline/staging/cvkit-reference-runs"
if [ "$all_passed" = true ]; then
  grep -q '^##vso\[task.setvariable variable=cvkitReferenceRecorded\]true' "$work/steps/ado-record/out" \
    || fail "ado-record: references recorded, but the publish step would not run (cvkitReferenceRecorded not set)" "$work/steps/ado-record/out"
fi
run_step gh-record "$GH_WORKFLOW" cvkit-record \
  --var "join(fromJSON(needs.build.outputs.scenarios).*.scenario, ' ')=$scenarios" \
  --var "runner.temp=$work/gh-record/runner-temp"
check_record gh-record "$work/gh-record/runner-temp/cvkit-reference-runs"

passed=true
say "passed: $steps_run pipeline steps rehearsed on $(echo $scenarios | wc -w) sandbox run(s) in $(( $(date +%s) - started ))s"
