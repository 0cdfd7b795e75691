package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.phases.DurationText;
import dev.cvkit.evaluator.phases.Phase;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one criterion string:
 * {@code [<label>: ]<aggregate>(<metric>) <op> <threshold>[ for <duration>][, continue]}, or
 * {@code [<label>: ]recovery_time_s(<metric>) <op> <seconds>}.
 *
 * <p>Every problem is an {@link InvalidInputException} naming the file and line, saying what was found
 * and what was expected, and followed by {@link CriteriaGrammar#DESCRIPTION}. A signed percentage
 * ({@code > +10%}, {@code < -5%}) is a threshold relative to a reference run; {@code for 30s} asks the
 * condition to hold over a sliding window of that length.
 */
final class CriterionParser {

    private static final Pattern OPERATOR = Pattern.compile("^(>=|<=|=>|=<|==|!=|<>|>|<|=)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern SECONDS = Pattern.compile("^(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*s?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER =
            Pattern.compile("^([+-])?(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|%)?$", Pattern.CASE_INSENSITIVE);

    private CriterionParser() {
    }

    /**
     * @param written      the criterion string as written
     * @param labelFromKey the label when the criterion was written as a one-entry map
     *                     ({@code - Label: avg(...) > 1}), else {@code null}
     */
    static Criterion parse(String written, String labelFromKey, SourceLocation location, Tier tier) {
        return parse(written, labelFromKey, location, tier, Scope.WHOLE_RUN);
    }

    /**
     * @param phase the phase the criterion was written under ({@link Scope#WHOLE_RUN} at the top level)
     */
    static Criterion parse(String written, String labelFromKey, SourceLocation location, Tier tier, String phase) {
        String text = written == null ? "" : written.strip();
        if (text.isEmpty()) {
            throw error(location, "empty criterion" + (labelFromKey == null ? "" : " for label '" + labelFromKey + "'"));
        }
        MeasureText measureMatch = MeasureText.last(text);
        if (measureMatch == null) {
            throw error(location, "'" + text + "' has no <aggregate>(<metric>), e.g. avg(response_time_ms)");
        }
        String aggregateName = measureMatch.name();
        String metricName = measureMatch.args();
        boolean recovery = aggregateName.equalsIgnoreCase(RecoveryMeasure.NAME);
        if (!recovery && aggregateName.toLowerCase(Locale.ROOT).startsWith("recovery")) {
            throw error(location, "unknown aggregate '" + aggregateName + "' in '" + text + "': recovery is written "
                    + RecoveryMeasure.NAME + "(<metric>), e.g. recovery_time_s(response_time_ms) > 60");
        }
        Measure measure;
        if (recovery) {
            ClientMetric metric = ClientMetric.byName(metricName)
                    .filter(m -> m.timing().isPresent() || m == ClientMetric.ERROR)
                    .orElseThrow(() -> error(location, "'" + metricName + "' in '" + text + "': " + RecoveryMeasure.NAME
                            + " takes response_time_ms, latency or connect_time_ms (the rolling p95 must be back) or"
                            + " error (the rolling error % must be back)"));
            measure = new RecoveryMeasure(metric);
        } else {
            Aggregate aggregate = Aggregate.parse(aggregateName).orElseThrow(() -> error(location,
                    "unknown aggregate '" + aggregateName + "' in '" + text
                            + "': expected avg, min, max, pNN or pNN.N (percentile in (0, 100]), count, percentage or "
                            + RecoveryMeasure.NAME));
            ClientMetric metric = ClientMetric.byName(metricName).orElseThrow(() -> error(location,
                    "unknown metric '" + metricName + "' in '" + text + "': expected one of " + ClientMetric.acceptedNames()));
            if (!metric.accepts(aggregate)) {
                throw error(location, "'" + aggregate.name() + "' cannot be applied to " + metric.yamlName() + " in '" + text
                        + "': " + metric.yamlName() + " takes " + metric.acceptedAggregates());
            }
            measure = new ClientMeasure(aggregate, metric);
        }

        String label = parseLabel(text.substring(0, measureMatch.start()), text, location);
        if (label != null && labelFromKey != null) {
            throw error(location, "two labels for one criterion: '" + labelFromKey + "' (the key) and '" + label
                    + "' (in the text)");
        }
        if (labelFromKey != null) {
            if (labelFromKey.isBlank()) {
                throw error(location, "empty label before '" + text + "'");
            }
            label = labelFromKey;
        }

        String rest = text.substring(measureMatch.end()).strip();
        rest = stripAction(rest, text, location);
        long windowMillis = 0;
        int[] window = windowSplit(rest);
        if (window != null) {
            String duration = rest.substring(window[1]);
            Duration d = DurationText.parse(duration);
            if (d == null) {
                throw error(location, "'for " + duration + "' in '" + text + "': expected "
                        + DurationText.expected(duration));
            }
            if (d.toMillis() < 1000) {
                throw error(location, "'for " + duration + "' in '" + text + "': the window must be at least 1s"
                        + " (the condition is judged second by second)");
            }
            windowMillis = d.toMillis();
            rest = rest.substring(0, window[0]).strip();
        }
        Matcher op = OPERATOR.matcher(rest);
        if (!op.matches()) {
            throw error(location, "expected an operator (> < >= <=) and a threshold after " + measureMatch.written(text)
                    + " in '" + text + "'");
        }
        Comparison comparison = Comparison.bySymbol(op.group(1)).orElseThrow(() -> error(location,
                "operator '" + op.group(1) + "' in '" + text + "' is not accepted: use >, <, >= or <="));
        String fullText = labelFromKey == null ? text : labelFromKey + ": " + text;
        if (measure instanceof RecoveryMeasure) {
            if (windowMillis > 0) {
                throw error(location, "'" + text + "': a recovery time takes no 'for' window (its window and hold time"
                        + " are set under recovery:)");
            }
            if (phase.equals(Phase.BEFORE.yamlName()) || phase.equals(Phase.DURING.yamlName())) {
                throw error(location, "'" + text + "' is under phases: " + phase + ": but recovery is measured after the"
                        + " fault ends: write it at the top level or under phases: after:");
            }
            double seconds = parseSeconds(op.group(2).strip(), text, location);
            return new Criterion(fullText, location, tier, new Scope(Phase.AFTER.yamlName(), label), measure, comparison,
                    new AbsoluteThreshold(seconds), 0);
        }
        ClientMeasure client = (ClientMeasure) measure;
        Threshold threshold = parseThreshold(op.group(2).strip(), client.aggregate(), client.metric(), comparison, text,
                location);
        if (windowMillis > 0 && threshold instanceof RelativeThreshold) {
            throw error(location, "'" + text + "' combines a change against the reference run with a 'for' window:"
                    + " write one or the other");
        }
        return new Criterion(fullText, location, tier, new Scope(phase, label), client, comparison, threshold,
                windowMillis);
    }

    private static double parseSeconds(String written, String text, SourceLocation location) {
        Matcher n = SECONDS.matcher(written);
        if (written.isEmpty() || !n.matches()) {
            throw error(location, "threshold '" + written + "' in '" + text + "' is not a number of seconds (e.g. 60 or 60s)");
        }
        double seconds = Double.parseDouble(n.group(1));
        if (seconds > DurationText.MAX_MILLIS / 1000.0) {
            throw error(location, "threshold '" + written + "' in '" + text + "' is more than 100 years of seconds,"
                    + " the longest duration cvkit takes");
        }
        return seconds;
    }

    /**
     * Where {@code rest} (stripped) says {@code <condition> for <duration>}: the end of the condition and the start
     * of the duration, or null. The first {@code for} between blanks counts, as the regular expression
     * {@code (.*?)\s+for\s+(.+)} would take it; scanned in linear time (that expression took seconds on a long
     * run of blanks).
     */
    private static int[] windowSplit(String rest) {
        int n = rest.length();
        for (int k = 1; k + 3 < n; k++) {
            if (blank(rest.charAt(k - 1)) && rest.regionMatches(true, k, "for", 0, 3) && blank(rest.charAt(k + 3))) {
                int conditionEnd = k - 1;
                while (conditionEnd > 0 && blank(rest.charAt(conditionEnd - 1))) {
                    conditionEnd--;
                }
                int durationStart = k + 3;
                while (durationStart < n && blank(rest.charAt(durationStart))) {
                    durationStart++;
                }
                if (durationStart < n) {
                    return new int[] {conditionEnd, durationStart};
                }
            }
        }
        return null;
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static String parseLabel(String prefix, String text, SourceLocation location) {
        String p = prefix.strip();
        if (p.isEmpty()) {
            return null;
        }
        if (!p.endsWith(":")) {
            throw error(location, "unexpected '" + p + "' before the aggregate in '" + text
                    + "': a label is written '<label>: ' before it");
        }
        String label = p.substring(0, p.length() - 1).strip();
        if (label.isEmpty()) {
            throw error(location, "empty label before ':' in '" + text + "'");
        }
        return label;
    }

    /** Removes ALT's optional {@code , continue}; refuses {@code , stop} and anything else. */
    private static String stripAction(String rest, String text, SourceLocation location) {
        int comma = rest.indexOf(',');
        if (comma < 0) {
            return rest;
        }
        String action = rest.substring(comma + 1).strip();
        if (action.equalsIgnoreCase("continue")) {
            return rest.substring(0, comma).strip();
        }
        if (action.equalsIgnoreCase("stop")) {
            throw error(location, "', stop' in '" + text + "' asks ALT to stop a run early; cvkit judges a finished run:"
                    + " remove it or write ', continue'");
        }
        throw error(location, "unexpected '" + action + "' after the comma in '" + text
                + "': only ', continue' may follow a criterion");
    }

    private static Threshold parseThreshold(String written, Aggregate aggregate, ClientMetric metric,
            Comparison comparison, String text, SourceLocation location) {
        if (written.isEmpty()) {
            throw error(location, "missing threshold after the operator in '" + text + "'");
        }
        Matcher n = NUMBER.matcher(written);
        if (!n.matches()) {
            throw error(location, "threshold '" + written + "' in '" + text + "' is not a number");
        }
        String sign = n.group(1);
        String unit = n.group(3) == null ? "" : n.group(3).toLowerCase(Locale.ROOT);
        double value = Double.parseDouble(n.group(2));
        if (!Double.isFinite(value)) {
            throw error(location, "threshold '" + written + "' in '" + text + "' is beyond what a number can hold"
                    + " (about 1.8e308)");
        }
        if (sign != null && unit.equals("%")) {
            return relative("-".equals(sign) ? -value : value, written, aggregate, comparison, text, location);
        }
        if (unit.equals("%") && metric != ClientMetric.ERROR) {
            throw error(location, "'%' in '" + text + "' only fits percentage(error)");
        }
        if (unit.equals("ms") && metric.timing().isEmpty()) {
            throw error(location, "'ms' in '" + text + "' only fits response_time_ms, latency and connect_time_ms");
        }
        return new AbsoluteThreshold("-".equals(sign) ? -value : value);
    }

    /** {@code +10%} / {@code -10%}: a change against the reference run, in the direction of the operator. */
    private static Threshold relative(double percent, String written, Aggregate aggregate, Comparison comparison,
            String text, SourceLocation location) {
        boolean single = aggregate.kind() == Aggregate.Kind.MIN || aggregate.kind() == Aggregate.Kind.MAX
                || (aggregate.kind() == Aggregate.Kind.PERCENTILE && aggregate.percentile() >= 100);
        if (single) {
            throw error(location, "'" + text + "' compares " + aggregate.name() + " with a reference run, but the minimum"
                    + " and the maximum are single values: no test can tell their change from noise. Compare a"
                    + " percentile such as p99 or p99.9 instead");
        }
        boolean rise = comparison == Comparison.GREATER || comparison == Comparison.GREATER_OR_EQUAL;
        if (rise == written.startsWith("-")) {
            throw error(location, "'" + comparison.symbol() + " " + written + "' in '" + text + "' mixes directions: a"
                    + " relative criterion fails on a significant change in the direction of its operator; write"
                    + " '> +10%' to fail when the value rose by more than 10%, or '< -10%' when it fell by more than 10%");
        }
        return new RelativeThreshold(percent);
    }

    private static InvalidInputException error(SourceLocation location, String problem) {
        return CriteriaErrors.at(location, problem);
    }
}
