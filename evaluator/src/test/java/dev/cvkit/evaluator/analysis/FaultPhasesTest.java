package dev.cvkit.evaluator.analysis;

import static dev.cvkit.evaluator.testing.JtlWriter.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.cli.UsageException;
import dev.cvkit.evaluator.jtl.ReadingOptions;
import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.FaultWindowOption;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.phases.Segment;
import dev.cvkit.evaluator.phases.Warmup;
import dev.cvkit.evaluator.stats.Metric;
import dev.cvkit.evaluator.testing.JtlWriter;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import dev.cvkit.evaluator.timeline.RecoverySignal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault phases read from generated results: markers in several engines' files, a start without an end,
 * {@code --fault-window} in each syntax, the warm-up, and the cases the pre-scan cannot see (then the
 * results are read twice, with the same exact outcome).
 */
class FaultPhasesTest {

    @TempDir
    Path dir;

    private String stderr;

    private RunAnalysis analyze(AnalysisRequest request, Path... inputs) {
        StringWriter err = new StringWriter();
        RunAnalysis run = new RunAnalyzer().analyze(java.util.Arrays.stream(inputs).map(Path::toString).toList(),
                new ReadingOptions(), request, new PrintWriter(err, true));
        stderr = err.toString();
        return run;
    }

    /**
     * One engine's 60 s: "Browse" every 100 ms, 50 ms outside the fault and 500 ms inside [21 s, 42 s); the
     * engine's start marker written where JMeter would write it (when the start was confirmed), its end
     * marker likewise. Engine 1 confirms the start at 21 s and the end at 40.6 s; engine 2 at 22 s and 42 s.
     */
    private static JtlWriter engine(int n) {
        JtlWriter w = new JtlWriter().engine("10.1.0." + (3 + n));
        long startAt = n == 1 ? 21_000 : 22_000;
        long endAt = n == 1 ? 40_600 : 42_000;
        boolean started = false;
        boolean ended = false;
        for (long t = 0; t < 60_000; t += 100) {
            if (!started && t >= startAt) {
                w.marker(true, "stamp-failure", "exec-1", T0 + startAt - 1000 * n, 1000 * n, true,
                        n == 1 ? "started" : "joined");
                started = true;
            }
            if (!ended && t >= endAt) {
                w.marker(false, "stamp-failure", "exec-1", T0 + endAt - 500, 500, true, n == 1 ? "started" : "joined");
                ended = true;
            }
            boolean faulty = t >= 21_000 && t < 42_000;
            w.row(T0 + t, faulty ? 500 : 50, "Browse", !(faulty && t % 1000 == 0), "Shoppers 1-1", 10);
        }
        return w;
    }

    private static void assertGoldenCounts(RunAnalysis run, int engines) {
        assertThat(run.faultWindows()).hasSize(1);
        FaultWindow w = run.faultWindows().get(0);
        assertThat(w.startMillis()).isEqualTo(T0 + 21_000);
        assertThat(w.endMillis()).isEqualTo(T0 + 42_000);
        assertThat(w.executions()).containsExactly("exec-1");
        PhaseStats before = run.phase(Phase.BEFORE).orElseThrow();
        PhaseStats during = run.phase(Phase.DURING).orElseThrow();
        PhaseStats after = run.phase(Phase.AFTER).orElseThrow();
        assertThat(before.labels().get("Browse").count()).isEqualTo(210L * engines);
        assertThat(during.labels().get("Browse").count()).isEqualTo(210L * engines);
        assertThat(during.labels().get("Browse").errorCount()).isEqualTo(21L * engines);
        assertThat(after.labels().get("Browse").count()).isEqualTo(180L * engines);
        assertThat(before.labels().get("Browse").distribution(Metric.RESPONSE_TIME_MS).maxMillis()).isEqualTo(50);
        assertThat(during.labels().get("Browse").distribution(Metric.RESPONSE_TIME_MS).minMillis()).isEqualTo(500);
        assertThat(after.labels().get("Browse").distribution(Metric.RESPONSE_TIME_MS).maxMillis()).isEqualTo(50);
        assertThat(run.overall().count()).isEqualTo(600L * engines);
    }

    @Test
    void everyEnginesMarkersMakeOneWindowFromEarliestStartToLatestEnd() throws IOException {
        engine(1).write(dir.resolve("results/engine1.csv"));
        engine(2).write(dir.resolve("results/engine2.csv"));
        java.util.concurrent.atomic.AtomicInteger rowsRead = new java.util.concurrent.atomic.AtomicInteger();
        RunAnalysis run = analyze(AnalysisRequest.defaults().whenRowsRead(rowsRead::incrementAndGet),
                dir.resolve("results"));
        assertGoldenCounts(run, 2);
        assertThat(run.readings()).isEqualTo(1);
        assertThat(rowsRead).as("told once that the rows were read").hasValue(1);
        assertThat(run.markers()).hasSize(4);
    }

    @Test
    void recoveryFiguresAloneKeepOnlyTheRowsAfterTheFaultOverTimeWithTheSameFigures() throws IOException {
        engine(1).write(dir.resolve("results/engine1.csv"));
        engine(2).write(dir.resolve("results/engine2.csv"));
        AnalysisRequest warm = AnalysisRequest.defaults().withWarmup(Warmup.of(5_000));
        RunAnalysis everything = analyze(warm, dir.resolve("results"));
        RunAnalysis afterOnly = analyze(warm.overTime(AnalysisRequest.OverTime.WITH_FAULT), dir.resolve("results"));

        List<Segment> segments = afterOnly.timeline().segments();
        assertThat(segments).extracting(Segment::kind).containsExactly(Segment.Kind.WARMUP, Segment.Kind.BEFORE,
                Segment.Kind.DURING, Segment.Kind.AFTER);
        assertThat(segments).allMatch(s -> everything.timeline().kept(s.index()));
        assertThat(segments).filteredOn(s -> afterOnly.timeline().kept(s.index())).extracting(Segment::kind)
                .containsExactly(Segment.Kind.AFTER);
        // A segment that was not read over time has no steps to give, rather than empty ones.
        assertThatThrownBy(() -> afterOnly.timeline().steps("Browse", 1, 1, Long.MIN_VALUE, Long.MAX_VALUE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not read over time");
        assertThat(afterOnly.timeline().steps("Browse", 3, 3, Long.MIN_VALUE, Long.MAX_VALUE).size())
                .isEqualTo(everything.timeline().steps("Browse", 3, 3, Long.MIN_VALUE, Long.MAX_VALUE).size())
                .isPositive();

        // The results end 18 s after the fault: a 5 s hold lets the flows recover within them.
        RecoverySettings settings = new RecoverySettings(10_000, 5_000, 20, 1);
        List<Recovery.FlowRecovery> figures = Recovery.report(afterOnly, settings);
        assertThat(figures).hasSize(4).isEqualTo(Recovery.report(everything, settings));
        assertThat(figures).allMatch(Recovery.FlowRecovery::recovered);
        assertThat(Recovery.report(afterOnly, RecoverySettings.DEFAULTS))
                .isEqualTo(Recovery.report(everything, RecoverySettings.DEFAULTS));
        // The phase statistics do not depend on what is kept over time.
        assertThat(afterOnly.overall().count()).isEqualTo(everything.overall().count());
    }

    @Test
    void eachFlowsRecoveryIsMeasuredOnceWhoeverAsksAndOnWhicheverThread() throws Exception {
        engine(1).write(dir.resolve("results/engine1.csv"));
        RunAnalysis run = analyze(AnalysisRequest.defaults(), dir.resolve("results"));
        RecoverySettings settings = new RecoverySettings(10_000, 5_000, 20, 1);
        // The criteria and the reports ask at the same time, on two threads: both get the one measurement.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Recovery.FlowRecovery>> asked = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asked.add(pool.submit(() -> Recovery.measure(run, "Browse", RecoverySignal.RESPONSE_TIME_P95, settings)));
            }
            Recovery.FlowRecovery first = asked.get(0).get();
            for (java.util.concurrent.Future<Recovery.FlowRecovery> f : asked) {
                assertThat(f.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Recovery.FlowRecovery> report = Recovery.report(run, settings);
        assertThat(report).anySatisfy(f -> assertThat(f).isSameAs(
                Recovery.measure(run, "Browse", RecoverySignal.RESPONSE_TIME_P95, settings)));
        // Other settings or another signal are other measurements.
        assertThat(Recovery.measure(run, "Browse", RecoverySignal.RESPONSE_TIME_P95, RecoverySettings.DEFAULTS))
                .isNotSameAs(Recovery.measure(run, "Browse", RecoverySignal.RESPONSE_TIME_P95, settings));
        assertThat(Recovery.measure(run, "Browse", RecoverySignal.ERROR_PCT, settings).signal())
                .isEqualTo(RecoverySignal.ERROR_PCT);
    }

    @Test
    void withoutAFaultWindowRecoveryFiguresKeepNothingOverTime() throws IOException {
        JtlWriter w = new JtlWriter();
        for (long t = 0; t < 10_000; t += 100) {
            w.row(T0 + t, 50, "Browse", true);
        }
        RunAnalysis run = analyze(AnalysisRequest.defaults().overTime(AnalysisRequest.OverTime.WITH_FAULT),
                w.write(dir.resolve("calm.jtl")));
        assertThat(run.timeline()).isNull();
        assertThat(run.overall().count()).isEqualTo(100);
    }

    @Test
    void anAltResultsZipIsReadTheSameWay() throws IOException {
        Map<String, JtlWriter> entries = new LinkedHashMap<>();
        entries.put("engine1_results.csv", engine(1));
        entries.put("engine2_results.csv", engine(2));
        RunAnalysis run = analyze(AnalysisRequest.defaults(), JtlWriter.zip(dir.resolve("results.zip"), entries));
        assertGoldenCounts(run, 2);
        assertThat(run.readings()).isEqualTo(1);
    }

    @Test
    void aStartWithoutAnyEndLastsToTheEndOfTheResultsWithAWarning() throws IOException {
        JtlWriter w = new JtlWriter();
        for (long t = 0; t < 30_000; t += 100) {
            if (t == 10_000) {
                w.marker(true, "zone-down", "exec-9", T0 + 9_000, 1_000, true, "started");
            }
            w.row(T0 + t, 50, "Browse", true);
        }
        RunAnalysis run = analyze(AnalysisRequest.defaults(), w.write(dir.resolve("killed.jtl")));
        FaultWindow window = run.faultWindows().get(0);
        assertThat(window.openEnded()).isTrue();
        assertThat(window.startMillis()).isEqualTo(T0 + 10_000);
        assertThat(run.phase(Phase.BEFORE).orElseThrow().overall().count()).isEqualTo(100);
        assertThat(run.phase(Phase.DURING).orElseThrow().overall().count()).isEqualTo(200);
        assertThat(run.phase(Phase.AFTER).orElseThrow().overall().count()).isZero();
        assertThat(run.phase(Phase.DURING).orElseThrow().endMillis()).isEqualTo(T0 + 29_900 + 50);
        assertThat(run.warnings()).anySatisfy(m -> assertThat(m).contains("killed.jtl:102")
                .contains("execution exec-9 of experiment zone-down has no end marker")
                .contains("lasts to the end of the results"));
        assertThat(stderr).contains("cvkit: warning: ").contains("has no end marker");
    }

    @Test
    void anEndWithoutStartAndAFailedStartOpenNoWindow() throws IOException {
        JtlWriter w = new JtlWriter();
        for (long t = 0; t < 10_000; t += 100) {
            w.row(T0 + t, 50, "Browse", true);
        }
        w.marker(true, "refused", "none", T0 + 2_000, 300, false, "started");
        w.marker(false, "orphan", "exec-2", T0 + 5_000, 300, true, "observed");
        RunAnalysis run = analyze(AnalysisRequest.defaults(), w.write(dir.resolve("odd.jtl")));
        assertThat(run.faultWindows()).isEmpty();
        assertThat(run.phases()).isEmpty();
        assertThat(run.warnings()).anySatisfy(m -> assertThat(m).contains("failed fault start of experiment refused"))
                .anySatisfy(m -> assertThat(m).contains("execution exec-2 of experiment orphan has an end marker but no"
                        + " start marker"));
    }

    @Test
    void overlappingExecutionsMergeIntoOneWindow() throws IOException {
        JtlWriter w = new JtlWriter();
        for (long t = 0; t < 30_000; t += 100) {
            w.row(T0 + t, 50, "Browse", true);
        }
        w.marker(true, "cpu", "a", T0 + 5_000, 0, true, "started");
        w.marker(false, "cpu", "a", T0 + 15_000, 0, true, "started");
        w.marker(true, "net", "b", T0 + 12_000, 0, true, "started");
        w.marker(false, "net", "b", T0 + 20_000, 0, true, "started");
        w.marker(true, "disk", "c", T0 + 25_000, 0, true, "started");
        w.marker(false, "disk", "c", T0 + 27_000, 0, true, "started");
        RunAnalysis run = analyze(AnalysisRequest.defaults(), w.write(dir.resolve("two.jtl")));
        assertThat(run.faultWindows()).extracting(FaultWindow::startMillis, FaultWindow::endMillis)
                .containsExactly(org.assertj.core.api.Assertions.tuple(T0 + 5_000, T0 + 20_000),
                        org.assertj.core.api.Assertions.tuple(T0 + 25_000, T0 + 27_000));
        assertThat(run.faultWindows().get(0).experiments()).containsExactly("cpu", "net");
        // Rows between the windows are "after"; both windows make "during".
        assertThat(run.phase(Phase.BEFORE).orElseThrow().overall().count()).isEqualTo(50);
        assertThat(run.phase(Phase.DURING).orElseThrow().overall().count()).isEqualTo(150 + 20);
        assertThat(run.phase(Phase.AFTER).orElseThrow().overall().count()).isEqualTo(50 + 30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01T00:00:21Z/2026-01-01T00:00:42Z", "2026-01-01T01:00:21+01:00/2026-01-01T01:00:42+01:00",
        "1767225621000/1767225642000", "+21s/+42s", "+21000ms/+0h0m42s"})
    void theFaultWindowOptionReplacesTheMarkers(String option) throws IOException {
        JtlWriter w = new JtlWriter();
        for (long t = 0; t < 60_000; t += 100) {
            w.row(T0 + t, 50, "Browse", true);
        }
        w.marker(true, "ignored", "x", T0 + 1_000, 0, true, "started");
        w.marker(false, "ignored", "x", T0 + 2_000, 0, true, "started");
        RunAnalysis run = analyze(AnalysisRequest.defaults().withFaultWindows(List.of(FaultWindowOption.parse(option))),
                w.write(dir.resolve("one.jtl")));
        assertThat(run.windowSource()).isEqualTo(RunAnalysis.WindowSource.OPTION);
        assertThat(run.faultWindows()).extracting(FaultWindow::startMillis, FaultWindow::endMillis)
                .containsExactly(org.assertj.core.api.Assertions.tuple(T0 + 21_000, T0 + 42_000));
        assertThat(run.phase(Phase.BEFORE).orElseThrow().overall().count()).isEqualTo(210);
        assertThat(run.phase(Phase.DURING).orElseThrow().overall().count()).isEqualTo(210);
        assertThat(run.phase(Phase.AFTER).orElseThrow().overall().count()).isEqualTo(180);
        assertThat(run.readings()).isEqualTo(1);
    }

    @Test
    void offsetsCountFromTheEarliestSampleEvenFarDownTheFile() throws IOException {
        JtlWriter w = new JtlWriter();
        for (long t = 0; t < 300_000; t += 100) {
            w.row(T0 + t, 50, "Browse", true);
        }
        // A long request that started 5 s before any other and was written when it ended, 3000 rows down.
        w.row(T0 - 5_000, 60_000, "Slow report", true);
        java.util.concurrent.atomic.AtomicInteger rowsRead = new java.util.concurrent.atomic.AtomicInteger();
        RunAnalysis run = analyze(AnalysisRequest.defaults().withFaultWindows(List.of(FaultWindowOption.parse("+26s/+47s")))
                .whenRowsRead(rowsRead::incrementAndGet), w.write(dir.resolve("late-first.jtl")));
        assertThat(rowsRead).as("told once, after the first reading").hasValue(1);
        assertThat(run.firstSampleMillis()).isEqualTo(T0 - 5_000);
        assertThat(run.faultWindows().get(0).startMillis()).isEqualTo(T0 + 21_000);
        assertThat(run.phase(Phase.DURING).orElseThrow().overall().count()).isEqualTo(210);
        assertThat(run.phase(Phase.BEFORE).orElseThrow().overall().count()).isEqualTo(211);
        // The start of the file did not show the earliest sample: the reading saw it and read again.
        assertThat(run.readings()).isEqualTo(2);
    }

    @Test
    void offsetsThatPlaceTheEndFirstAreAUsageError() throws IOException {
        JtlWriter w = new JtlWriter().row(T0, 50, "Browse", true).row(T0 + 100, 50, "Browse", true);
        Path file = w.write(dir.resolve("short.jtl"));
        AnalysisRequest mixed = AnalysisRequest.defaults().withFaultWindows(List.of(FaultWindowOption.parse(
                "+10s/2026-01-01T00:00:05Z")));
        assertThatThrownBy(() -> analyze(mixed, file)).isInstanceOf(UsageException.class)
                .hasMessageContaining("is not after the start");
    }

    @Test
    void warmupDurationLeavesOutTheFirstRowsEverywhere() throws IOException {
        JtlWriter w = new JtlWriter();
        for (long t = 0; t < 60_000; t += 100) {
            w.row(T0 + t, t < 10_000 ? 900 : 50, "Browse", true);
        }
        w.marker(true, "f", "e", T0 + 29_000, 1_000, true, "started");
        w.marker(false, "f", "e", T0 + 39_000, 1_000, true, "started");
        RunAnalysis run = analyze(AnalysisRequest.defaults().withWarmup(Warmup.of(10_000)), w.write(dir.resolve("w.jtl")));
        assertThat(run.plan().warmupEndMillis()).isEqualTo(T0 + 10_000);
        assertThat(run.warmupRows()).isEqualTo(100);
        assertThat(run.overall().count()).isEqualTo(500);
        assertThat(run.overall().distribution(Metric.RESPONSE_TIME_MS).maxMillis()).isEqualTo(50);
        assertThat(run.rowCounts().requests()).isEqualTo(500);
        PhaseStats before = run.phase(Phase.BEFORE).orElseThrow();
        assertThat(before.startMillis()).isEqualTo(T0 + 10_000);
        assertThat(before.overall().count()).isEqualTo(200);
    }

    /** Ten threads ramp up one per second (engine 2 three seconds later), hold, then ramp down. */
    private static JtlWriter ramp(int engine) {
        long delay = engine == 1 ? 0 : 3_000;
        JtlWriter w = new JtlWriter().engine("10.1.0." + engine);
        for (long t = 0; t < 60_000; t += 100) {
            long since = t - delay;
            int threads = since < 0 ? 1 : (int) Math.min(10, 1 + since / 1000);
            if (t >= 55_000) {
                threads = (int) Math.max(1, 10 - (t - 55_000) / 500);
            }
            w.row(T0 + t, 50, "Browse", true, "Shoppers 1-" + threads, threads);
        }
        return w;
    }

    @Test
    void warmupAutoEndsWhenTheLastEngineReachesItsThreadPlateau() throws IOException {
        ramp(1).write(dir.resolve("ramp/e1.csv"));
        ramp(2).write(dir.resolve("ramp/e2.csv"));
        RunAnalysis run = analyze(AnalysisRequest.defaults().withWarmup(Warmup.auto()), dir.resolve("ramp"));
        // The plateau is 10 threads less one (5%, at least one): engine 1 has 9 threads at 8 s, engine 2 at
        // 11 s, so the warm-up ends at 11 s.
        assertThat(run.plan().warmupEndMillis()).isEqualTo(T0 + 11_000);
        assertThat(run.warmupRows()).isEqualTo(220);
        assertThat(run.overall().count()).isEqualTo(1200 - 220);
        assertThat(run.readings()).isEqualTo(1);
    }

    @Test
    void aThreadThatComesLateDoesNotMoveThePlateau() throws IOException {
        JtlWriter w = ramp(1);
        // A fault controller's thread group starts at 30 s: 11 threads from then on.
        for (long t = 30_000; t < 50_000; t += 100) {
            w.row(T0 + t + 50, 20, "Fault control", true, "Fault 1-1", 11);
        }
        RunAnalysis run = analyze(AnalysisRequest.defaults().withWarmup(Warmup.auto()), w.write(dir.resolve("late.csv")));
        // 11 threads at most, less one: the plateau is 10, reached at 9 s.
        assertThat(run.plan().warmupEndMillis()).isEqualTo(T0 + 9_000);
    }

    @Test
    void warmupAutoWithoutThreadCountsFailsClearly() throws IOException {
        Path file = dir.resolve("no-threads.csv");
        Files.writeString(file, "timeStamp,elapsed,label,success\n" + T0 + ",50,Browse,true\n" + (T0 + 100) + ",50,Browse,true\n");
        assertThatThrownBy(() -> analyze(AnalysisRequest.defaults().withWarmup(Warmup.auto()), file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": warmup: auto needs the number of active threads")
                .hasMessageContaining("allThreads (or grpThreads) column");
    }

    @Test
    void xmlResultsWithMarkersAreReadAgainWithTheirWindow() throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testResults version=\"1.2\">\n");
        for (long t = 0; t < 60_000; t += 100) {
            if (t == 21_000) {
                xml.append("<sample t=\"1000\" lt=\"1000\" ts=\"").append(T0 + 20_000).append("\" s=\"true\" lb=\"cvkit:fault-start:x\""
                        + " rm=\"execution=e; status=Running; role=started; by=sampler\" tn=\"Fault 1-1\" na=\"1\"/>\n");
            }
            if (t == 42_000) {
                xml.append("<sample t=\"0\" lt=\"0\" ts=\"").append(T0 + 42_000).append("\" s=\"true\" lb=\"cvkit:fault-end:x\""
                        + " rm=\"execution=e; status=Cancelled; role=started; by=sampler\" tn=\"Fault 1-1\" na=\"1\"/>\n");
            }
            xml.append("<httpSample t=\"50\" lt=\"45\" ts=\"").append(T0 + t)
                    .append("\" s=\"true\" lb=\"Browse\" rm=\"OK\" tn=\"Shoppers 1-1\" na=\"10\"/>\n");
        }
        xml.append("</testResults>\n");
        Path file = dir.resolve("results.xml.jtl");
        Files.writeString(file, xml);
        RunAnalysis run = analyze(AnalysisRequest.defaults(), file);
        assertThat(run.faultWindows()).extracting(FaultWindow::startMillis, FaultWindow::endMillis)
                .containsExactly(org.assertj.core.api.Assertions.tuple(T0 + 21_000, T0 + 42_000));
        assertThat(run.phase(Phase.DURING).orElseThrow().overall().count()).isEqualTo(210);
        assertThat(run.readings()).isEqualTo(2);
    }

    @Test
    void aMarkerTheByteSearchCannotParseIsFoundByTheReading() throws IOException {
        JtlWriter w = new JtlWriter();
        for (long t = 0; t < 60_000; t += 100) {
            if (t == 21_000) {
                // The responseMessage is quoted and holds a line break: the marker's line alone is no row.
                w.raw((T0 + 20_000) + ",1000,cvkit:fault-start:x,200,\"execution=e; status=Running;\nrole=started; by=sampler\","
                        + "Fault 1-1,text,true,,0,0,1,10,/x,1000,0,0");
            }
            if (t == 42_000) {
                w.marker(false, "x", "e", T0 + 42_000, 0, true, "started");
            }
            w.row(T0 + t, 50, "Browse", true);
        }
        RunAnalysis run = analyze(AnalysisRequest.defaults(), w.write(dir.resolve("quoted.jtl")));
        assertThat(run.faultWindows()).extracting(FaultWindow::startMillis, FaultWindow::endMillis)
                .containsExactly(org.assertj.core.api.Assertions.tuple(T0 + 21_000, T0 + 42_000));
        assertThat(run.phase(Phase.DURING).orElseThrow().overall().count()).isEqualTo(210);
        assertThat(run.readings()).isEqualTo(2);
    }

    @Test
    void aLargeFileReadInPartsFilesEveryRowInItsPhase() throws IOException {
        // About 10 MB: read in parallel parts, with the markers in the middle of it.
        JtlWriter w = new JtlWriter();
        long rows = 0;
        long during = 0;
        for (long t = 0; t < 1_800_000; t += 20) {
            if (t == 900_000) {
                w.marker(true, "big", "e", T0 + 899_000, 1_000, true, "started");
            }
            if (t == 1_200_000) {
                w.marker(false, "big", "e", T0 + 1_199_500, 500, true, "started");
            }
            boolean in = t >= 900_000 && t < 1_200_000;
            w.row(T0 + t, in ? 400 + t % 7 : 40 + t % 7, "Browse " + (t / 20 % 4), true, "Shoppers 1-" + (t / 20 % 50), 50);
            rows++;
            during += in ? 1 : 0;
        }
        Path file = w.write(dir.resolve("big.jtl"));
        assertThat(Files.size(file)).isGreaterThan(8L << 20);
        RunAnalysis run = analyze(AnalysisRequest.defaults(), file);
        assertThat(run.overall().count()).isEqualTo(rows);
        assertThat(run.phase(Phase.DURING).orElseThrow().overall().count()).isEqualTo(during);
        assertThat(run.phase(Phase.BEFORE).orElseThrow().overall().count()).isEqualTo(45_000);
        assertThat(run.phase(Phase.DURING).orElseThrow().overall().distribution(Metric.RESPONSE_TIME_MS).minMillis())
                .isEqualTo(400);
        assertThat(run.phase(Phase.AFTER).orElseThrow().overall().distribution(Metric.RESPONSE_TIME_MS).maxMillis())
                .isEqualTo(46);
        assertThat(run.readings()).isEqualTo(1);
        assertThat(run.labels().keySet()).containsExactly("Browse 0", "Browse 1", "Browse 2", "Browse 3",
                "cvkit:fault-start:big", "cvkit:fault-end:big");
    }
}
