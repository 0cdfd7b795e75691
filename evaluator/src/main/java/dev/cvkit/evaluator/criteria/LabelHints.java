package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.text.EditDistance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Suggests the label a user probably meant when a criterion names one the results do not have. */
final class LabelHints {

    private static final int MAX_LISTED = 10;

    private LabelHints() {
    }

    /** A sentence fragment starting with "; " (or empty): the closest labels, or the labels there are. */
    static String hint(String wanted, Collection<String> labels) {
        return hint(wanted, labels, "the results");
    }

    /** As {@link #hint(String, Collection)}, for labels found in {@code where} ("the reference run"). */
    static String hint(String wanted, Collection<String> labels, String where) {
        if (labels.isEmpty()) {
            return "; " + where + " has no labels";
        }
        List<String> close = new ArrayList<>();
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        for (String l : labels) {
            String c = l.strip().toLowerCase(Locale.ROOT);
            if (c.equals(w) || EditDistance.levenshtein(c, w) <= Math.max(1, w.length() / 5)) {
                close.add(l);
            }
        }
        if (!close.isEmpty()) {
            return "; did you mean " + quoteAll(close) + "?";
        }
        List<String> some = new ArrayList<>(labels).subList(0, Math.min(MAX_LISTED, labels.size()));
        return "; labels in " + where + ": " + quoteAll(some) + (labels.size() > MAX_LISTED ? ", ..." : "");
    }

    private static String quoteAll(List<String> labels) {
        StringBuilder sb = new StringBuilder();
        for (String l : labels) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('\'').append(l).append('\'');
        }
        return sb.toString();
    }

}
