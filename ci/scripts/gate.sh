#!/usr/bin/env bash
# The gate of one load-test scenario: judges its results against the scenario's baseline (and against its
# recorded reference run, when the checkout has one) with the cvkit evaluator, writes every report, and
# collects the results next to the reports so that one pipeline artifact holds the whole run.
#
# The Azure Pipelines template (ci/azure-pipelines/steps/gate.yml) and the GitHub Actions workflow
# (ci/github/continuous-validation.yml) both run this script; ci/rehearse.sh runs it through their own step text.
# Paths are relative to the repository root, which is the working directory.
#
# Environment:
#   CVKIT_SCENARIO       the scenario: the criteria are <CVKIT_BASELINES>/<scenario>.yaml (required)
#   CVKIT_RESULTS        the load test's results: ALT's results.zip, a JTL file or a folder (required)
#   CVKIT_RUN_DIR        where the run is assembled (created): reports/ with report.json, junit.xml,
#                        cvkit-<scenario>.md, report.html and verdict; results/ with a copy of the results (and of ALT's
#                        report.zip beside them) (required)
#   CVKIT_BASELINES      folder of the criteria and reference runs (default baselines/contoso-shoes); a reference
#                        run <scenario>.reference.json there is passed as --reference
#   CVKIT_EVALUATOR_JAR  the evaluator (default evaluator/target/cvkit-evaluator.jar)
#   JAVA                 the java command (default: java on PATH; Java 17 or newer)
#
# Exit code: the evaluator's, so a pipeline step fails exactly when the gate fails: 0 pass (warnings allowed),
# 1 a failure criterion holds, 2 usage error, 3 missing or invalid input (no results, no baseline, zero
# samples), 4 internal error. reports/verdict holds one word: pass, warn, fail or error.
set -uo pipefail

die() {
  echo "cvkit gate: $2" >&2
  exit "$1"
}

scenario="${CVKIT_SCENARIO:-}"
results="${CVKIT_RESULTS:-}"
run_dir="${CVKIT_RUN_DIR:-}"
baselines="${CVKIT_BASELINES:-baselines/contoso-shoes}"
evaluator="${CVKIT_EVALUATOR_JAR:-evaluator/target/cvkit-evaluator.jar}"
java="${JAVA:-java}"

[ -n "$scenario" ] || die 2 "CVKIT_SCENARIO is not set: name the scenario whose baseline judges the run"
[ -n "$results" ] || die 2 "CVKIT_RESULTS is not set: name the load test's results.zip"
[ -n "$run_dir" ] || die 2 "CVKIT_RUN_DIR is not set: name the folder that collects the reports"

reports="$run_dir/reports"
mkdir -p "$reports" || die 2 "cannot create $reports"
echo error > "$reports/verdict"

criteria="$baselines/$scenario.yaml"
[ -f "$criteria" ] || die 3 "no baseline for scenario '$scenario': expected the criteria file $criteria"
[ -f "$evaluator" ] || die 3 "no evaluator jar at $evaluator: build it (mvn -B -DskipTests package) or download the build's artifact"
[ -e "$results" ] || die 3 "no load-test results at $results: did the load test run and download its results?"

# Keep the results with the reports: the reference stage records from them. ALT's own dashboard (report.zip
# next to results.zip) comes along when it is there.
mkdir -p "$run_dir/results" || die 2 "cannot create $run_dir/results"
cp -pR "$results" "$run_dir/results/" || die 2 "cannot copy $results to $run_dir/results"
if [ -f "$results" ] && [ -f "$(dirname "$results")/report.zip" ]; then
  cp -p "$(dirname "$results")/report.zip" "$run_dir/results/" || die 2 "cannot copy ALT's report.zip to $run_dir/results"
fi

args=(evaluate --criteria "$criteria"
  --json "$reports/report.json"
  --junit "$reports/junit.xml"
  --markdown "$reports/cvkit-$scenario.md"
  --html "$reports/report.html")
reference="$baselines/$scenario.reference.json"
if [ -f "$reference" ]; then
  args+=(--reference "$reference")
fi
args+=("$results")

echo "cvkit gate: scenario $scenario: $java -jar $evaluator ${args[*]}"
"$java" -jar "$evaluator" "${args[@]}"
code=$?

verdict=error
if [ "$code" -le 1 ] && [ -f "$reports/report.json" ]; then
  verdict="$(grep -m1 -oE '"verdict"[[:space:]]*:[[:space:]]*"[a-z]+"' "$reports/report.json" | grep -oE '[a-z]+"$' | tr -d '"')"
  [ -n "$verdict" ] || verdict=error
fi
echo "$verdict" > "$reports/verdict"
echo "cvkit gate: scenario $scenario: verdict $verdict (exit $code); reports in $reports"
exit "$code"
