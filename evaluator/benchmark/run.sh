#!/usr/bin/env bash
# Evaluator benchmark: times `./cvkit evaluate` (10 criteria) against JMeter 5.6.3's own dashboard
# generator on the same generated JTL, and checks that the evaluator's memory stays flat from 2M to 10M rows.
#
#   evaluator/benchmark/run.sh [ROWS]          ROWS default 2000000
#   evaluator/benchmark/run.sh --chaos [ROWS]  the fault-phase criteria against the plain ones (see below)
#
# Environment: RUNS (default 3: best and median are printed), BIG_ROWS (default 10000000; 0 skips the
# flatness check), JMETER_HOME (default sandbox/target/jmeter-home, built with Maven when missing;
# SKIP_JMETER=1 skips JMeter). Files go to runs/benchmark/ (git-ignored); the generated JTLs are kept
# for the next run. Until the `evaluate` verb exists the script times `stats` instead, and says so.
#
# --chaos: generates a chaos run (GenerateJtl ... fault: fault markers from 40% to 60% of the rows, a thread
# ramp) and, once, a reference run from another seed (recorded with `./cvkit baseline record`); then times,
# alternately, `./cvkit evaluate` with the ten plain criteria (criteria.yaml) and with the issue-5 criteria
# (chaos-criteria.yaml: warmup: auto, phases, for-30s windows, recovery, relative criteria per phase) plus
# --reference, on the same file; prints best and median of both, their ratios (also run by run, with a 95%
# confidence interval of the median of those), and the full
# run's peak RSS at ROWS and BIG_ROWS (memory flat with rows). BASELINE_JAR=path also times the plain criteria
# with another evaluator jar (e.g. one built before fault phases existed) on the same file.
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

# Cached files carry the generator's version (a hash of its source): a changed generator makes new files, never
# reuses files it no longer writes.
GEN_ID="$(sha1sum "$HERE/GenerateJtl.java" | cut -c1-8)"

generate() { # ROWS [SEED fault] -> path of a cached JTL with that many rows (a chaos run with "SEED fault")
  local rows="$1" seed="${2:-1}" mode="${3:-}" file="$OUT/bench-$1-$GEN_ID.jtl"
  if [ -n "$mode" ]; then file="$OUT/bench-chaos-$seed-$1-$GEN_ID.jtl"; fi
  if [ ! -s "$file" ]; then
    echo "generating $file ($rows rows) ..." >&2
    java "$HERE/GenerateJtl.java" "$rows" "$file.tmp" "$seed" $mode && mv "$file.tmp" "$file"
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

if [ "${1:-}" = "--chaos" ]; then
  ROWS="${2:-2000000}"
  FULL_CRITERIA="$HERE/chaos-criteria.yaml"
  JTL="$(generate "$ROWS" 1 fault)"
  REF_JTL="$(generate "$ROWS" 2 fault)"
  REFERENCE="$OUT/reference-chaos-$ROWS-$GEN_ID.json"
  if [ ! -s "$REFERENCE" ]; then
    "$ROOT/cvkit" baseline record --warmup auto --results "$REF_JTL" --out "$REFERENCE" >&2
  fi
  echo "input: $JTL ($(du -h "$JTL" | cut -f1), $ROWS rows, fault markers at 40% and 60%)"
  echo "plain: ./cvkit evaluate --criteria evaluator/benchmark/criteria.yaml FILE"
  echo "full:  ./cvkit evaluate --criteria evaluator/benchmark/chaos-criteria.yaml --reference $REFERENCE FILE"
  : > "$OUT/plain.times"
  : > "$OUT/full.times"
  : > "$OUT/baseline.times"
  for _ in $(seq "$RUNS"); do
    measure "$OUT/plain.times" "$ROOT/cvkit" evaluate --criteria "$HERE/criteria.yaml" "$JTL"
    measure "$OUT/full.times" "$ROOT/cvkit" evaluate --criteria "$FULL_CRITERIA" --reference "$REFERENCE" "$JTL"
    if [ -n "${BASELINE_JAR:-}" ]; then
      measure "$OUT/baseline.times" java -XX:+UseParallelGC -Xmx256m -jar "$BASELINE_JAR" evaluate \
        --criteria "$HERE/criteria.yaml" "$JTL"
    fi
  done
  read -r P_BEST P_MED P_RSS_BEST P_RSS_MED < <(summary "$OUT/plain.times")
  read -r F_BEST F_MED F_RSS_BEST F_RSS_MED < <(summary "$OUT/full.times")
  printf 'plain criteria: wall best %.2f s, median %.2f s; peak RSS best %d MB, median %d MB\n' \
    "$P_BEST" "$P_MED" $((P_RSS_BEST / 1024)) $((P_RSS_MED / 1024))
  printf 'full criteria:  wall best %.2f s, median %.2f s; peak RSS best %d MB, median %d MB\n' \
    "$F_BEST" "$F_MED" $((F_RSS_BEST / 1024)) $((F_RSS_MED / 1024))
  # Runs alternate plain, full, plain, full ...: each full run is also divided by the plain run just before it.
  # The median of those paired ratios cancels the drift of a shared machine's speed over the minutes of the
  # benchmark, which moves the two medians apart by as much as the difference being measured.
  # With it, a distribution-free 95% confidence interval of that median (order statistics: ranks l and n-l+1, l
  # the largest with P(Binomial(n, 1/2) <= l-1) <= 2.5%; none below 6 runs): on a shared machine one round's
  # median moves by a few hundredths, and the interval says how far.
  read -r PAIRED CI_LO CI_HI < <(paste -d' ' "$OUT/plain.times" "$OUT/full.times" | awk '{ print $3 / $1 }' | sort -g \
    | awk '{ r[NR] = $1 } END {
        n = NR; p = 0.5 ^ n; cdf = p; l = 0
        for (k = 1; k <= n && cdf <= 0.025; k++) { l = k; p = p * (n - k + 1) / k; cdf += p }
        if (l < 1) print r[int((n + 1) / 2)], "nan", "nan"; else print r[int((n + 1) / 2)], r[l], r[n - l + 1] }')
  awk -v fb="$F_BEST" -v pb="$P_BEST" -v fm="$F_MED" -v pm="$P_MED" -v paired="$PAIRED" -v runs="$RUNS" \
      -v lo="$CI_LO" -v hi="$CI_HI" 'BEGIN {
    printf "full / plain: best %.2fx, median %.2fx, median of the %d paired runs %.2fx (target <= 1.20x: %s)\n",
      fb / pb, fm / pm, runs, paired, (paired <= 1.2 && fm / pm <= 1.2 ? "met" : "MISSED")
    if (lo != "nan") printf "  95%% confidence interval of the paired median: %.2fx to %.2fx (%s)\n", lo, hi,
      (hi <= 1.2 ? "within the target" : "reaches past the target: more runs, or a quieter machine") }'
  if [ -n "${BASELINE_JAR:-}" ]; then
    read -r B_BEST B_MED B_RSS_BEST B_RSS_MED < <(summary "$OUT/baseline.times")
    printf 'plain criteria with %s: wall best %.2f s, median %.2f s; peak RSS best %d MB\n' "$BASELINE_JAR" \
      "$B_BEST" "$B_MED" $((B_RSS_BEST / 1024))
    awk -v fb="$F_BEST" -v bb="$B_BEST" -v fm="$F_MED" -v bm="$B_MED" 'BEGIN {
      printf "full / plain with BASELINE_JAR: best %.2fx, median %.2fx\n", fb / bb, fm / bm }'
  fi
  if [ "$BIG_ROWS" != 0 ]; then
    BIG="$(generate "$BIG_ROWS" 1 fault)"
    BIG_REF_JTL="$(generate "$BIG_ROWS" 2 fault)"
    BIG_REFERENCE="$OUT/reference-chaos-$BIG_ROWS-$GEN_ID.json"
    if [ ! -s "$BIG_REFERENCE" ]; then
      "$ROOT/cvkit" baseline record --warmup auto --results "$BIG_REF_JTL" --out "$BIG_REFERENCE" >&2
    fi
    : > "$OUT/full-big.times"
    for _ in $(seq "$RUNS"); do
      measure "$OUT/full-big.times" "$ROOT/cvkit" evaluate --criteria "$FULL_CRITERIA" --reference "$BIG_REFERENCE" "$BIG"
    done
    read -r G_BEST G_MED G_RSS_BEST G_RSS_MED < <(summary "$OUT/full-big.times")
    printf 'full criteria at %d rows: wall best %.2f s, median %.2f s; peak RSS best %d MB, median %d MB\n' \
      "$BIG_ROWS" "$G_BEST" "$G_MED" $((G_RSS_BEST / 1024)) $((G_RSS_MED / 1024))
    awk -v a="$G_RSS_BEST" -v b="$F_RSS_BEST" -v small="$ROWS" -v big="$BIG_ROWS" 'BEGIN {
      printf "RSS flat from %d to %d rows (best runs within 20%%): %s (%d MB vs %d MB, %+.0f%%)\n", small, big,
        (a <= b * 1.20 ? "yes" : "NO"), a / 1024, b / 1024, 100 * (a - b) / b }'
  fi
  exit 0
fi

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
