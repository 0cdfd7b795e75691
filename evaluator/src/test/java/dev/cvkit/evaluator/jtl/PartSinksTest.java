package dev.cvkit.evaluator.jtl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.evaluator.stats.LabelNames;
import dev.cvkit.evaluator.stats.RowKind;
import dev.cvkit.evaluator.stats.SampleSink;
import dev.cvkit.evaluator.stats.SampleSinkFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of a reading get their sinks from {@link SampleSinkFactory#forParts}, told how many parts there are. */
class PartSinksTest {

    @TempDir
    Path dir;

    /** Counts rows; remembers the number of parts its factory was told of (0: the whole reading's sink). */
    static final class CountingSink implements SampleSink {
        final int partsTold;
        long rows;

        CountingSink(int partsTold) {
            this.partsTold = partsTold;
        }

        @Override
        public void sample(int labelId, long startMillis, long elapsedMillis, long latencyMillis, long connectMillis,
                boolean success, RowKind kind) {
            rows++;
        }
    }

    static final class CountingFactory implements SampleSinkFactory<CountingSink> {
        final int partsTold;
        final AtomicInteger partSinks;
        final List<Integer> mergedFrom = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingFactory(int partsTold, AtomicInteger partSinks) {
            this.partsTold = partsTold;
            this.partSinks = partSinks;
        }

        @Override
        public CountingSink create(LabelNames labels) {
            if (partsTold > 0) {
                partSinks.incrementAndGet();
            }
            return new CountingSink(partsTold);
        }

        @Override
        public void merge(CountingSink target, CountingSink source) {
            mergedFrom.add(source.partsTold);
            target.rows += source.rows;
        }

        @Override
        public SampleSinkFactory<CountingSink> forParts(int parts) {
            return new CountingFactory(parts, partSinks);
        }
    }

    @Test
    void everyPartsSinkComesFromTheFactoryForThatManyPartsAndTheWholeFromTheFactoryItself() throws IOException {
        StringBuilder csv = new StringBuilder(BadInputTest.HEADER);
        for (int i = 0; i < 200; i++) {
            csv.append(1000 + i).append(",20,Browse,200,OK,t-1,text,true,,10,5,1,1,u,10,0,0\n");
        }
        Path a = Files.writeString(dir.resolve("a.jtl"), csv);
        Path b = Files.writeString(dir.resolve("b.jtl"), csv);
        ResultsReader reader = new ResultsReader(Reading.TINY_PARTS);
        AtomicInteger partSinks = new AtomicInteger();
        CountingFactory whole = new CountingFactory(0, partSinks);

        ResultsReader.Result<CountingSink> result = reader.read(List.of(a.toString(), b.toString()),
                new ReadingOptions(), null, whole);

        int parts = reader.diagnostics.parts.get();
        assertThat(parts).isGreaterThan(2);
        assertThat(result.sink().partsTold).isZero();
        assertThat(result.sink().rows).isEqualTo(400);
        assertThat(partSinks.get()).isEqualTo(parts);
        // Each file's parts, put together, are merged into the whole: each told of every part of both files.
        assertThat(whole.mergedFrom).hasSize(2).containsOnly(parts);
    }

    @Test
    void aSourceReadAgainSequentiallyGetsTheWholeFactorysSinkNotAPartsShare() throws IOException {
        // A lone CR ends the rows after the first: the fast reader leaves such a file to commons-csv, which reads
        // it whole, in one part.
        StringBuilder csv = new StringBuilder(BadInputTest.HEADER);
        for (int i = 0; i < 200; i++) {
            csv.append(1000 + i).append(",20,Browse,200,OK,t-1,text,true,,10,5,1,1,u,10,0,0")
                    .append(i == 0 ? '\n' : '\r');
        }
        Path a = Files.writeString(dir.resolve("cr.jtl"), csv);
        ResultsReader reader = new ResultsReader(Reading.TINY_PARTS);
        CountingFactory whole = new CountingFactory(0, new AtomicInteger());

        ResultsReader.Result<CountingSink> result = reader.read(List.of(a.toString()), new ReadingOptions(), null,
                whole);

        assertThat(reader.diagnostics.fallbacks.get()).isEqualTo(1);
        assertThat(result.sink().rows).isEqualTo(200);
        assertThat(whole.mergedFrom).containsExactly(0);
    }
}
