package dev.cvkit.jmeter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the plugin jar in {@code lib/ext} costs every JMeter start: the wall time of {@code jmeter -n} with a
 * one-sample plan, from a stock 5.6.3 home and from the same home with the jar, runs alternating, median of
 * each. Run with {@code -Dcvkit.benchmark=true} (it takes a minute); prints both figures and fails above the
 * target of +300 ms.
 */
class JarStartCostBenchmarkIT {

    private static final int RUNS = 7;
    private static final long TARGET_MILLIS = 300;

    @TempDir
    Path directory;

    private static long timedRun(StockJMeter jmeter, Path plan, Path directory, String name) throws Exception {
        long start = System.nanoTime();
        StockJMeter.Run run = jmeter.start(plan, directory, name, Map.of(), Map.of());
        int exit = run.await(Duration.ofMinutes(2));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(exit).as(run.consoleText()).isZero();
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void theJarAddsLittleToJMetersStart() throws Exception {
        assumeTrue(Boolean.getBoolean("cvkit.benchmark"), "benchmark: run with -Dcvkit.benchmark=true");
        StockJMeter stock = StockJMeter.withoutPlugin(Files.createDirectories(directory.resolve("stock")));
        StockJMeter withJar = StockJMeter.withPlugin(Files.createDirectories(directory.resolve("with-jar")));
        Path plan = new Plans("one sample").faultControl(false, 1, false).save(directory.resolve("one-sample.jmx"));

        // One start each first: the page cache, not JMeter, would otherwise make the first ones slow.
        timedRun(stock, plan, directory, "warm-stock");
        timedRun(withJar, plan, directory, "warm-jar");
        List<Long> stockMillis = new ArrayList<>();
        List<Long> jarMillis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            stockMillis.add(timedRun(stock, plan, directory, "stock-" + i));
            jarMillis.add(timedRun(withJar, plan, directory, "jar-" + i));
        }
        long stockMedian = median(stockMillis);
        long jarMedian = median(jarMillis);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf("JMeter start (jmeter -n, one-sample plan), median of %d: stock %d ms, with the cvkit jar %d ms"
                + " (%+d ms; target +%d ms); stock runs %s, with jar %s; load average %s%n", RUNS, stockMedian,
                jarMedian, jarMedian - stockMedian, TARGET_MILLIS, stockMillis, jarMillis, load);
        assertThat(jarMedian - stockMedian).isLessThanOrEqualTo(TARGET_MILLIS);
    }
}
