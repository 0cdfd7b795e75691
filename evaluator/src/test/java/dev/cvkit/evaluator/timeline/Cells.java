package dev.cvkit.evaluator.timeline;

/** Builds {@link Steps} for tests: consecutive 1 s steps from a start, each with given rows. */
final class Cells {

    private Cells() {
    }

    /** A cell holding these elapsed values, {@code errors} of them failed. */
    static TimeCell cell(int errors, long... elapsed) {
        TimeCell c = new TimeCell();
        for (int i = 0; i < elapsed.length; i++) {
            c.record(elapsed[i], -1, -1, i >= errors, false, false);
        }
        return c;
    }

    /** Steps of {@code widthMillis} from {@code startMillis}; a null cell is a step without rows. */
    static Steps steps(long startMillis, long widthMillis, TimeCell... cells) {
        long[] start = new long[cells.length];
        long[] end = new long[cells.length];
        for (int i = 0; i < cells.length; i++) {
            start[i] = startMillis + i * widthMillis;
            end[i] = start[i] + widthMillis;
        }
        return new Steps(start, end, cells);
    }
}
