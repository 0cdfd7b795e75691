package dev.cvkit.evaluator.text;

/**
 * Text from the inputs (labels, thread names, messages, execution ids, experiment names, file names, quoted values)
 * made safe to print in a CI log, where a line can be a command: Azure Pipelines runs {@code ##vso[...]} found
 * anywhere in a line, GitHub Actions runs {@code ::name::} at the start of a line (leading blanks trimmed) and its
 * older {@code ##[name]} anywhere; both agents also end a line at a lone CR. So:
 *
 * <ul>
 *   <li>control characters (C0 incl. CR, LF and ESC, DEL, C1), Unicode line and paragraph separators and
 *       bidirectional overrides show as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \x1b}, {@code \u2028}):
 *       the text stays on one line and no terminal sequence reaches the terminal;</li>
 *   <li>a {@code #} right after a {@code #} shows as {@code \x23}: no {@code ##} is left, so neither {@code ##vso[}
 *       nor {@code ##[} can form;</li>
 *   <li>a {@code :} right after the first non-blank {@code :} shows as {@code \x3a}: the text cannot start a line
 *       with {@code ::} wherever it is printed ({@code Class::method} inside a text is left alone).</li>
 * </ul>
 *
 * The result is the same text when applied twice. {@link LogLineWriter} applies the same rules to every line the
 * CLI prints, whatever its source; this class keeps input text readable on one line where it is printed.
 */
public final class LogText {

    private LogText() {
    }

    /** The text as a fragment of one log line. */
    public static String inline(String text) {
        if (text == null) {
            return "null";
        }
        if (isPlain(text)) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        Neutraliser n = new Neutraliser(false);
        for (int i = 0; i < text.length(); i++) {
            n.append(text.charAt(i), b);
        }
        return b.toString();
    }

    /**
     * Only the first rule: control characters, line and paragraph separators and bidirectional overrides shown as
     * escapes, for text that is no log line (a Markdown or XML report) but must not carry terminal sequences either.
     */
    public static String visibleControls(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escape(c);
            if (escaped != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (escaped != null) {
                    b.append(escaped);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }

    /** Whether the text needs no change at all (the common case: nothing is copied). */
    private static boolean isPlain(String text) {
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escape(c) != null || c == '#' && previous == '#' || c == ':') {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** The escape that shows {@code c}, or null when it is printed as it is. */
    static String escape(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
            return String.format("\\x%02x", (int) c);
        }
        if (c == '\u2028' || c == '\u2029' || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                || c == '\u200e' || c == '\u200f' || c == '\u061c') {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }

    /** A blank as the agents' {@code TrimStart} sees it (.NET {@code char.IsWhiteSpace}). */
    static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /**
     * The rules above over a stream of characters. Every character given is shown on the current line; the owner
     * of a stream that writes line ends itself calls {@link #newLine} after each.
     */
    static final class Neutraliser {

        private final boolean keepTabs;
        /** Only blanks written on this line so far. */
        private boolean lineStart = true;
        /** The first non-blank of the line was a ':' and nothing came after it yet. */
        private boolean firstColon;
        /** The last character written was a '#'. */
        private boolean afterHash;

        /** @param keepTabs write a tab as it is (a stack trace's indent); it still counts as a blank */
        Neutraliser(boolean keepTabs) {
            this.keepTabs = keepTabs;
        }

        void append(char c, StringBuilder out) {
            String escaped = c == '\t' && keepTabs ? null : escape(c);
            if (escaped != null) {
                out.append(escaped);
                lineStart = false;
                firstColon = false;
                afterHash = false;
                return;
            }
            if (c == '#' && afterHash) {
                out.append("\\x23");
                afterHash = false;
            } else if (c == ':' && firstColon) {
                out.append("\\x3a");
                afterHash = false;
            } else {
                out.append(c);
                afterHash = c == '#';
            }
            firstColon = lineStart && c == ':';
            if (!isBlank(c)) {
                lineStart = false;
            }
        }

        /** Whether {@code c} is written as it is and is no blank: all {@link #plain} needs to know of it. */
        static boolean isPlain(char c) {
            return c > ' ' && c < 0x7f && c != '#' && c != ':';
        }

        /** After characters for which {@link #isPlain} holds, written by the caller as they are. */
        void plain() {
            lineStart = false;
            firstColon = false;
            afterHash = false;
        }

        /** Starts a new line (after a line end written by someone else). */
        void newLine() {
            lineStart = true;
            firstColon = false;
            afterHash = false;
        }
    }
}
