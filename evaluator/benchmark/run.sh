#!/usr/bin/env bash
# Evaluator benchmark: times `./cvkit evaluate` (10 criteria) against JMeter 5.6.3's own dashboard
# generator on the same generated JTL, and checks that the evaluator's memory stays flat from 2M to 10M rows.
#
#   evaluator/benchmark/run.sh [ROWS]          ROWS default 2000000
#
# Environment: RUNS (default 3: best and median are printed), BIG_ROWS (default 10000000; 0 skips the
# flatness check), JMETER_HOME (default sandbox/target/jmeter-home, built with Maven when missing;
# SKIP_JMETER=1 skips JMeter). Files go to runs/benchmark/ (git-ignored); the generated JTLs are kept
# for the next run. Until the `evaluate` verb exists the script times `stats` instead, and says so.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/evaluator/benchmark"
OUT="$ROOT/runs/benchmark"
ROWS="${1:-2000000}"
RUNS="${RUNS:-3}"
BIG_ROWS="${BIG_ROWS:-10000000}"
JMETER_HOME="${JMETER_HOME:-$ROOT/sandbox/target/jmeter-home}"
mkdir -p "$OUT"

command -v /usr/bin/time >/dev/null || { echo "run.sh: GNU time (/usr/bin/time) is needed: apt-get install time" >&2; exit 2; }

# The evaluator jar, built by the launcher when missing or stale.
"$ROOT/cvkit" --version >/dev/null

generate() { # ROWS -> path of a cached JTL with that many rows
  local rows="$1" file="$OUT/bench-$1.jtl"
  if [ ! -s "$file" ]; then
    echo "generating $file ($rows rows) ..." >&2
    java "$HERE/GenerateJtl.java" "$rows" "$file.tmp" 1 && mv "$file.tmp" "$file"
  fi
  echo "$file"
}

# measure OUTFILE COMMAND...: runs the command under GNU time, appends "wall_seconds max_rss_kb" to OUTFILE.
measure() {
  local into="$1"; shift
  local stats
  stats="$(mktemp)"
  local rc=0
  /usr/bin/time -o "$stats" -f "%e %M" "$@" >/dev/null 2>>"$OUT/commands.log" || rc=$?
  # evaluate exits 1 when a criterion fails: that is a verdict, not a benchmark failure.
  if [ "$rc" -gt 1 ]; then
    echo "run.sh: '$*' exited $rc; see $OUT/commands.log" >&2
    exit 1
  fi
  tail -1 "$stats" >> "$into"
  rm -f "$stats"
}

# summary FILE: "best median" of each column (wall seconds, RSS KB) -> "best_wall median_wall best_rss median_rss"
summary() {
  local walls rss n mid
  walls="$(cut -d' ' -f1 "$1" | sort -g)"
  rss="$(cut -d' ' -f2 "$1" | sort -g)"
  n="$(wc -l < "$1")"
  mid=$(( (n + 1) / 2 ))
  echo "$(echo "$walls" | head -1) $(echo "$walls" | sed -n "${mid}p") $(echo "$rss" | head -1) $(echo "$rss" | sed -n "${mid}p")"
}

if java -jar "$ROOT/evaluator/target/cvkit-evaluator.jar" evaluate --help 2>/dev/null | grep -q "^Usage: cvkit evaluate"; then
  VERB=(evaluate --criteria "$HERE/criteria.yaml")
  echo "timing: ./cvkit evaluate with the 10 criteria of evaluator/benchmark/criteria.yaml"
else
  VERB=(stats)
  echo "timing: ./cvkit stats (the evaluate verb is not in this build yet; it reads the same way)"
fi

JTL="$(generate "$ROWS")"
echo "input: $JTL ($(du -h "$JTL" | cut -f1), $ROWS rows)"
: > "$OUT/cvkit.times"
for _ in $(seq "$RUNS"); do
  measure "$OUT/cvkit.times" "$ROOT/cvkit" "${VERB[@]}" "$JTL"
done
read -r CV_BEST CV_MED CV_RSS_BEST CV_RSS_MED < <(summary "$OUT/cvkit.times")
printf 'cvkit:  wall best %.2f s, median %.2f s; peak RSS best %d MB, median %d MB\n' \
  "$CV_BEST" "$CV_MED" $((CV_RSS_BEST / 1024)) $((CV_RSS_MED / 1024))

if [ "${SKIP_JMETER:-}" != 1 ]; then
  if [ ! -f "$JMETER_HOME/bin/ApacheJMeter.jar" ] && [ "$JMETER_HOME" = "$ROOT/sandbox/target/jmeter-home" ]; then
    echo "building the JMeter 5.6.3 home (mvn -pl sandbox -am package) ..." >&2
    (cd "$ROOT" && mvn -B -q -pl sandbox -am package -DskipTests) >&2 || true
  fi
  if [ -f "$JMETER_HOME/bin/ApacheJMeter.jar" ]; then
    : > "$OUT/jmeter.times"
    for _ in $(seq "$RUNS"); do
      rm -rf "$OUT/dashboard"
      # In $OUT: the dashboard generator leaves a temp/ folder in its working directory.
      (cd "$OUT" && measure "$OUT/jmeter.times" java -jar "$JMETER_HOME/bin/ApacheJMeter.jar" -g "$JTL" -o "$OUT/dashboard" -j "$OUT/jmeter.log")
    done
    read -r JM_BEST JM_MED JM_RSS_BEST JM_RSS_MED < <(summary "$OUT/jmeter.times")
    printf 'JMeter: wall best %.2f s, median %.2f s; peak RSS best %d MB, median %d MB  (java -jar %s -g FILE -o DIR)\n' \
      "$JM_BEST" "$JM_MED" $((JM_RSS_BEST / 1024)) $((JM_RSS_MED / 1024)) "$JMETER_HOME/bin/ApacheJMeter.jar"
    awk -v a="$JM_MED" -v b="$CV_MED" -v c="$JM_RSS_MED" -v d="$CV_RSS_MED" \
      'BEGIN { printf "ratio JMeter/cvkit (medians): wall %.1fx, peak RSS %.1fx\n", a / b, c / d }'
  else
    echo "JMeter: skipped, no JMeter home at $JMETER_HOME (set JMETER_HOME to a JMeter 5.6.3 home)"
  fi
fi

awk -v w="$CV_MED" -v r="$CV_RSS_MED" -v rows="$ROWS" 'BEGIN {
  printf "targets at 2,000,000 rows: wall <= 1.5 s: %s (median %.2f s); peak RSS <= 300 MB: %s (median %d MB)%s\n",
    (w <= 1.5 ? "met" : "MISSED"), w, (r <= 300 * 1024 ? "met" : "MISSED"), r / 1024,
    (rows == 2000000 ? "" : " [note: this run used " rows " rows]") }'

if [ "$BIG_ROWS" != 0 ]; then
  BIG="$(generate "$BIG_ROWS")"
  : > "$OUT/cvkit-big.times"
  for _ in $(seq "$RUNS"); do
    measure "$OUT/cvkit-big.times" "$ROOT/cvkit" "${VERB[@]}" "$BIG"
  done
  read -r BIG_BEST BIG_MED BIG_RSS_BEST BIG_RSS_MED < <(summary "$OUT/cvkit-big.times")
  printf 'cvkit at %d rows: wall best %.2f s, median %.2f s; peak RSS best %d MB, median %d MB\n' \
    "$BIG_ROWS" "$BIG_BEST" "$BIG_MED" $((BIG_RSS_BEST / 1024)) $((BIG_RSS_MED / 1024))
  # Peak RSS varies by some 20 MB between identical runs (heap sizing), so the best runs are compared;
  # growing with rows would show as several times more at 5x the rows.
  awk -v a="$BIG_RSS_BEST" -v b="$CV_RSS_BEST" -v small="$ROWS" -v big="$BIG_ROWS" 'BEGIN {
    printf "RSS flat from %d to %d rows (best runs within 20%%): %s (%d MB vs %d MB, %+.0f%%)\n", small, big,
      (a <= b * 1.20 ? "yes" : "NO"), a / 1024, b / 1024, 100 * (a - b) / b }'
fi
