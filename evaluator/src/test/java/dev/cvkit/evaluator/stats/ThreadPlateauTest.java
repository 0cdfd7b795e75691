package dev.cvkit.evaluator.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThreadPlateauTest {

    /** A ramp of 1 to 50 threads over ten minutes, then steady with a dip and a brief extra thread. */
    private static List<long[]> rows(Random random) {
        List<long[]> rows = new ArrayList<>();
        long t0 = 1_767_225_600_000L;
        for (int i = 0; i < 20_000; i++) {
            long at = t0 + i * 100L + random.nextInt(3_000);
            long threads = at < t0 + 600_000 ? 1 + (at - t0) / 12_245 : i % 997 == 0 ? 51 : i % 501 == 0 ? 30 : 50;
            rows.add(new long[] {at, threads});
        }
        return rows;
    }

    /** What the class promises, computed the long way. */
    private static long[] expected(List<long[]> rows) {
        long max = rows.stream().mapToLong(r -> r[1]).max().orElse(-1);
        long plateau = Math.max(Math.min(1, max), max - Math.max(1, max / 20));
        long start = rows.stream().filter(r -> r[1] >= plateau).mapToLong(r -> r[0]).min().orElse(Long.MAX_VALUE);
        return new long[] {max, plateau, start};
    }

    private static long[] of(ThreadPlateau p) {
        return new long[] {p.maxThreads(), p.plateauThreads(), p.plateauStartMillis()};
    }

    @Test
    void theSameWhateverTheOrderOfRowsAndParts() {
        Random random = new Random(7);
        List<long[]> rows = rows(random);
        long[] expected = expected(rows);
        assertThat(expected[0]).isEqualTo(51);

        ThreadPlateau inFileOrder = new ThreadPlateau();
        rows.forEach(r -> inFileOrder.record(r[0], r[1]));
        assertThat(of(inFileOrder)).containsExactly(expected);

        List<long[]> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        ThreadPlateau inTimeOrder = new ThreadPlateau();
        sorted.forEach(r -> inTimeOrder.record(r[0], r[1]));
        assertThat(of(inTimeOrder)).containsExactly(expected);

        for (int trial = 0; trial < 5; trial++) {
            List<long[]> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, random);
            ThreadPlateau first = new ThreadPlateau();
            ThreadPlateau second = new ThreadPlateau();
            int cut = random.nextInt(shuffled.size());
            shuffled.subList(0, cut).forEach(r -> first.record(r[0], r[1]));
            shuffled.subList(cut, shuffled.size()).forEach(r -> second.record(r[0], r[1]));
            first.add(second);
            assertThat(of(first)).as("trial %d", trial).containsExactly(expected);
        }
    }

    @Test
    void aRepeatedCountStillTakesAnEarlierTimeStamp() {
        ThreadPlateau p = new ThreadPlateau();
        p.record(5_000, 10);
        p.record(6_000, 10);
        p.record(4_000, 10); // same count as the row before, but earlier: the plateau starts earlier
        p.record(9_000, 10);
        assertThat(p.plateauStartMillis()).isEqualTo(4_000);
        p.record(3_000, 2);
        p.record(3_500, 10);
        assertThat(p.plateauStartMillis()).isEqualTo(3_500);
        assertThat(p.maxThreads()).isEqualTo(10);
    }

    @Test
    void countsOutOfRangeAreIgnored() {
        ThreadPlateau p = new ThreadPlateau();
        assertThat(p.isEmpty()).isTrue();
        p.record(1_000, -1);
        p.record(1_000, 2_000_000);
        assertThat(p.isEmpty()).isTrue();
        p.record(2_000, 3);
        assertThat(p.maxThreads()).isEqualTo(3);
        assertThat(p.plateauThreads()).isEqualTo(2);
        assertThat(p.plateauStartMillis()).isEqualTo(2_000);
    }
}
