package dev.cvkit.evaluator.text;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The CLI's stdout and stderr: every line printed through it follows {@link LogText}'s rules, whatever put the text
 * there (a table, a warning, an exception's message, a library's), so that no input can make a line a CI command.
 * LF, and CR right before it, end a line; a tab stays; any other CR and every other control character show as
 * escapes (both pipeline agents end a line at a lone CR, and a terminal would redraw the line). cvkit's own logging
 * commands, which must stay commands, are written with {@link #command}; a terminal's progress line with
 * {@link #redraw}.
 */
public final class LogLineWriter extends PrintWriter {

    private final Filter filter;

    private LogLineWriter(Filter filter) {
        super(filter, true);
        this.filter = filter;
    }

    /** Wraps {@code target}; a writer that already is one is returned as it is. */
    public static PrintWriter wrap(PrintWriter target) {
        return target instanceof LogLineWriter ? target : new LogLineWriter(new Filter(target));
    }

    /**
     * Prints {@code line}, a logging command built by cvkit with its input text escaped, as it is on a line of its
     * own. Through any other writer it is printed as a line.
     */
    public static void command(PrintWriter out, String line) {
        requireOneLine(line);
        if (out instanceof LogLineWriter w) {
            synchronized (w.lock) {
                w.flush();
                w.filter.raw(line, true);
                w.println();
            }
        } else {
            out.println(line);
            out.flush();
        }
    }

    /** Goes back to the start of the current line (CR) and prints {@code text}, cvkit's own, over it. */
    public static void redraw(PrintWriter out, String text) {
        requireOneLine(text);
        if (out instanceof LogLineWriter w) {
            synchronized (w.lock) {
                w.flush();
                w.filter.raw("\r" + text, false);
                w.flush();
            }
        } else {
            out.print("\r" + text);
            out.flush();
        }
    }

    private static void requireOneLine(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("one line expected");
        }
    }

    private static final class Filter extends Writer {

        private final PrintWriter target;
        private final LogText.Neutraliser neutraliser = new LogText.Neutraliser(true);
        private final StringBuilder buffer = new StringBuilder();
        private boolean atLineStart = true;

        Filter(PrintWriter target) {
            super(target);
            this.target = target;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            synchronized (lock) {
                buffer.setLength(0);
                int end = off + len;
                for (int i = off; i < end; i++) {
                    char c = chars[i];
                    if (LogText.Neutraliser.isPlain(c)) {
                        // Most text: copied a run at a time (a table of 70,000 labels is millions of characters).
                        int run = i;
                        while (i + 1 < end && LogText.Neutraliser.isPlain(chars[i + 1])) {
                            i++;
                        }
                        buffer.append(chars, run, i + 1 - run);
                        neutraliser.plain();
                        atLineStart = false;
                    } else if (c == '\n' || c == '\r' && i + 1 < end && chars[i + 1] == '\n') {
                        buffer.append(c);
                        if (c == '\n') {
                            neutraliser.newLine();
                            atLineStart = true;
                        }
                    } else {
                        neutraliser.append(c, buffer);
                        atLineStart = false;
                    }
                }
                target.write(buffer.toString());
            }
        }

        /** cvkit's own text; with {@code ownLine}, what is left on the current line is ended first. */
        void raw(String text, boolean ownLine) {
            synchronized (lock) {
                if (ownLine && !atLineStart) {
                    target.println();
                }
                target.write(text);
                neutraliser.newLine();
                atLineStart = false;
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }
    }
}
