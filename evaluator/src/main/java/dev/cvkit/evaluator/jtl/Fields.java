package dev.cvkit.evaluator.jtl;

import dev.cvkit.evaluator.text.LogText;

/**
 * The meaning of a field's text, defined once on {@link String}s (the commons-csv and XML readers) and
 * mirrored on bytes by {@link FastCsvReader}; the differential test holds the two to the same results.
 */
final class Fields {

    /** JMeter's Transaction Controller writes this at the start of its rows' responseMessage. */
    static final String TRANSACTION_MESSAGE_PREFIX = "Number of samples in transaction";

    private static final int QUOTE_LIMIT = 60;

    /**
     * The longest {@code elapsed}, {@code Latency} or {@code Connect} accepted: 2,147,483,647 ms, 24.8 days. No
     * sample of a load test honestly lasts longer; a larger value is a broken clock or a crafted file. With it a
     * sum of durations cannot overflow a {@code long} before 2<sup>32</sup> rows (and sums are checked beyond).
     */
    static final long MAX_DURATION_MILLIS = Integer.MAX_VALUE;

    private Fields() {
    }

    /**
     * A millisecond field: 1 to {@value TimestampParser#MAX_DIGITS} ASCII digits, nothing else.
     *
     * @return the value, or -1 when {@code text} is not such a number
     */
    static long parseMillis(String text) {
        int n = text.length();
        if (n == 0 || n > TimestampParser.MAX_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code success}: {@code true} or {@code false} in any ASCII letter case. */
    static int parseSuccess(String text) {
        if (asciiEqualsIgnoreCase(text, "true")) {
            return 1;
        }
        return asciiEqualsIgnoreCase(text, "false") ? 0 : -1;
    }

    private static boolean asciiEqualsIgnoreCase(String text, String lowerAscii) {
        if (text.length() != lowerAscii.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isTransactionMessage(String responseMessage) {
        return responseMessage.startsWith(TRANSACTION_MESSAGE_PREFIX);
    }

    /** A field's text for a message: quoted, shortened, on one line and safe in a CI log ({@link LogText}). */
    static String quote(String text) {
        String shown = text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
        return "'" + LogText.inline(shown) + "'";
    }

    /** Whether {@code millis}, as a millisecond field gave it, is a duration cvkit takes. */
    static boolean isDuration(long millis) {
        return millis >= 0 && millis <= MAX_DURATION_MILLIS;
    }

    /** Why a duration field's {@code text} is refused: not a number, or beyond {@link #MAX_DURATION_MILLIS}. */
    static String millisProblem(String column, String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return column + ": " + quote(text) + " ms is more than a sample can last (at most " + MAX_DURATION_MILLIS
                    + " ms, 24.8 days; a larger value is a broken clock and would overflow the sums)";
        }
        return column + ": expected a whole number of milliseconds, found " + quote(text);
    }

    static String successProblem(String text) {
        return "success: expected true or false, found " + quote(text);
    }
}
