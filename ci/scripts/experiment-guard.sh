#!/usr/bin/env bash
# Safety net around a chaos scenario's load test, on top of the cvkit plugins' own guarantee that a fault they
# started is ended: reads the Chaos Studio experiment's executions with the Azure CLI (`az rest`, logged in by the
# pipeline; every page of the listing, following nextLink on the Resource Manager endpoint only) and
#   check   fails when an execution is still active before the test starts (a fault from elsewhere would
#           contaminate the run, and the plugins would join it instead of starting their own);
#   cancel  after the test, cancels an execution that is still active (engines killed hard, a test stopped from
#           the portal) and waits until it has ended; a warning says that the plugins did not end it themselves.
# The experiment's resource ID is read where the plans read it: chaos.experiment.<name> in the ALT user
# properties file (CVKIT_PROPERTIES, default test-plans/contoso-shoes/azure.properties).
#
# Usage: experiment-guard.sh check|cancel EXPERIMENT_NAME
# Environment: CVKIT_PROPERTIES (above); CVKIT_GUARD_TIMEOUT_SECONDS (default 300), CVKIT_GUARD_POLL_SECONDS (10).
# Exit code: 0 nothing active (or cancelled and ended); 1 active before the test, or cancelling failed or did not
# finish in time; 2 usage; 3 the experiment's ID is missing or still the placeholder.
# The identity the pipeline logs in with needs Microsoft.Chaos/experiments/read, .../executions/read and, for
# cancel, .../cancel/action on the experiment (see ci/README.md, "Identities and roles").
set -uo pipefail

API_VERSION=2025-01-01

# log_text: Azure's and the inputs' text made safe for a log line.
. "$(dirname "${BASH_SOURCE[0]}")/lib/log-text.sh"

# notice LEVEL MESSAGE: an annotation in the pipeline's summary (Azure Pipelines or GitHub Actions), else a line.
# The message is escaped as each system's command data must be: '%' as %AZP25 (Azure) or %25 (GitHub).
notice() {
  local message
  message="$(log_text "$2")"
  if [ -n "${TF_BUILD:-}" ]; then
    echo "##vso[task.logissue type=$1;]cvkit experiment guard: ${message//"%"/%AZP25}"
  elif [ -n "${GITHUB_ACTIONS:-}" ]; then
    echo "::$1 title=cvkit experiment guard::${message//"%"/%25}"
  else
    echo "cvkit experiment guard: $1: $message" >&2
  fi
}

die() {
  notice error "$2"
  exit "$1"
}

mode="${1:-}"
experiment="${2:-}"
properties="${CVKIT_PROPERTIES:-test-plans/contoso-shoes/azure.properties}"
timeout="${CVKIT_GUARD_TIMEOUT_SECONDS:-300}"
poll="${CVKIT_GUARD_POLL_SECONDS:-10}"

case "$mode" in
  check|cancel) ;;
  *) echo "usage: $0 check|cancel EXPERIMENT_NAME" >&2; exit 2 ;;
esac
[ -n "$experiment" ] || { echo "usage: $0 check|cancel EXPERIMENT_NAME" >&2; exit 2; }
[ -f "$properties" ] || die 3 "no properties file $properties (CVKIT_PROPERTIES)"

experiment_id="$(sed -n "s/^[[:space:]]*chaos\.experiment\.$experiment[[:space:]]*[=:][[:space:]]*//p" "$properties" | tail -1 | tr -d '\r')"
experiment_id="${experiment_id%"${experiment_id##*[![:space:]]}"}"
[ -n "$experiment_id" ] || die 3 "$properties has no chaos.experiment.$experiment: the plans could not start it either"
case "$experiment_id" in
  /subscriptions/00000000-0000-0000-0000-000000000000/*)
    die 3 "chaos.experiment.$experiment in $properties still names the placeholder subscription: replace it with the deployed experiment's ID" ;;
  /subscriptions/*/providers/Microsoft.Chaos/experiments/*|/subscriptions/*/providers/microsoft.chaos/experiments/*) ;;
  *) die 3 "chaos.experiment.$experiment in $properties is not an experiment resource ID: $experiment_id" ;;
esac

management="${CVKIT_ARM_ENDPOINT:-https://management.azure.com}"

# Chaos Studio's status is a free string; these are the ones that mean "over". The same set as the plugins'
# ExecutionStatus.isTerminal (ci/src/test's ExperimentGuardScriptTest compares the two).
TERMINAL_STATUSES='success|succeeded|failed|cancelled|canceled|completed|stopped'
# The most pages of executions read (a page holds tens of executions): a nextLink loop must not run forever.
MAX_PAGES=200

# active_executions: the names and statuses of the executions that have not ended, one per line, from every
# page of the listing (Chaos Studio pages with nextLink, newest first).
active_executions() {
  local url="$management$experiment_id/executions?api-version=$API_VERSION" page next rows="" pages=0
  while [ -n "$url" ]; do
    pages=$((pages + 1))
    if [ "$pages" -gt "$MAX_PAGES" ]; then
      echo "cvkit experiment guard: more than $MAX_PAGES pages of executions; giving up" >&2
      return 1
    fi
    # One row per execution, then one row "nextLink<TAB>url" (empty or None on the last page).
    page="$(az rest --method get --url "$url" \
      --query "[value[].[name, properties.status], [['nextLink', nextLink]]][]" --output tsv)" || return 1
    rows+="$(printf '%s\n' "$page" | awk -F '\t' '$1 != "nextLink"')"$'\n'
    next="$(printf '%s\n' "$page" | awk -F '\t' '$1 == "nextLink" && $2 != "" && $2 != "None" { print $2 }' | tail -1)"
    next="${next%$'\r'}"
    case "$next" in
      ""|"$management"/*) ;;
      # The pipeline's token goes with every az rest call: never to a host other than Resource Manager's.
      *) echo "cvkit experiment guard: a nextLink of the listing points away from $management; not following it" >&2
         return 1 ;;
    esac
    url="$next"
  done
  printf '%s' "$rows" | awk -F '\t' -v terminal="^($TERMINAL_STATUSES)\$" 'NF >= 2 && tolower($2) !~ terminal'
}

active="$(active_executions)" || die 1 "cannot list the executions of $experiment_id (az rest failed; does the pipeline's identity have Microsoft.Chaos/experiments/executions/read?)"

if [ "$mode" = check ]; then
  if [ -n "$active" ]; then
    die 1 "experiment $experiment is already running ($(echo "$active" | tr '\t\n' ': ')): end it, or wait, before the load test starts"
  fi
  echo "cvkit experiment guard: $(log_text "$experiment") has no active execution: the test may start it"
  exit 0
fi

if [ -z "$active" ]; then
  echo "cvkit experiment guard: $(log_text "$experiment") has no active execution: the fault was ended"
  exit 0
fi
notice warning "experiment $experiment was still active after the load test ($(echo "$active" | tr '\t\n' ': ')): cancelling it; the plugins did not end it (were the engines stopped hard?)"
if echo "$active" | awk -F '\t' 'tolower($2) !~ /^cancell?ing$/ { found = 1 } END { exit !found }'; then
  az rest --method post --url "$management$experiment_id/cancel?api-version=$API_VERSION" --output none \
    || die 1 "cancelling $experiment failed (does the pipeline's identity have Microsoft.Chaos/experiments/cancel/action?)"
fi
waited=0
while [ "$waited" -lt "$timeout" ]; do
  sleep "$poll"
  waited=$((waited + poll))
  active="$(active_executions)" || continue
  if [ -z "$active" ]; then
    echo "cvkit experiment guard: $(log_text "$experiment") ended after ${waited}s"
    exit 0
  fi
done
die 1 "experiment $experiment still active ${timeout}s after the cancel: end it in the Azure portal now"
