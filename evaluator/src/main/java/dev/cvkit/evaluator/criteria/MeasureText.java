package dev.cvkit.evaluator.criteria;

/**
 * Where a criterion's measure, {@code name(args)}, is written in it: the last {@code <name>(<args>)} whose
 * name is a word ({@code [A-Za-z_][A-Za-z0-9_.]*}, optionally followed by blanks) and whose arguments hold no
 * parenthesis (a label before it may contain parentheses of its own).
 *
 * <p>Found by one scan from the end, in time linear in the text: a regular expression searched repeatedly
 * for the same thing took seconds on a label of tens of thousands of characters (every start position
 * re-read the word after it), and criteria files come from pull requests.
 *
 * @param start where the name starts
 * @param end   the position after the closing parenthesis
 * @param name  the aggregate's name
 * @param args  what the parentheses hold, without blanks around it
 */
record MeasureText(int start, int end, String name, String args) {

    /** The last measure in {@code text}, or null when it has none. */
    static MeasureText last(String text) {
        int close = text.lastIndexOf(')');
        while (close >= 0) {
            int open = close - 1;
            while (open >= 0 && text.charAt(open) != '(' && text.charAt(open) != ')') {
                open--;
            }
            if (open < 0) {
                return null;
            }
            if (text.charAt(open) == ')') {
                close = open;
                continue;
            }
            int nameEnd = open;
            while (nameEnd > 0 && blank(text.charAt(nameEnd - 1))) {
                nameEnd--;
            }
            int nameStart = -1;
            for (int i = nameEnd - 1; i >= 0 && wordPart(text.charAt(i)); i--) {
                if (wordStart(text.charAt(i))) {
                    nameStart = i;
                }
            }
            if (nameStart >= 0) {
                int from = open + 1;
                int to = close;
                while (from < to && blank(text.charAt(from))) {
                    from++;
                }
                while (to > from && blank(text.charAt(to - 1))) {
                    to--;
                }
                return new MeasureText(nameStart, close + 1, text.substring(nameStart, nameEnd),
                        text.substring(from, to));
            }
            close = text.lastIndexOf(')', open);
        }
        return null;
    }

    /** The measure as written, from its name to its closing parenthesis. */
    String written(String text) {
        return text.substring(start, end);
    }

    /** What {@code \s} matches in a regular expression: the blanks a criterion may hold around its parts. */
    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean wordStart(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
    }

    private static boolean wordPart(char c) {
        return wordStart(c) || c >= '0' && c <= '9' || c == '.';
    }
}
