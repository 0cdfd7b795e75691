package dev.cvkit.evaluator.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvkit.evaluator.analysis.PhaseStats;
import dev.cvkit.evaluator.analysis.Recovery;
import dev.cvkit.evaluator.analysis.RunAnalysis;
import dev.cvkit.evaluator.phases.FaultWindow;
import dev.cvkit.evaluator.phases.PhasePlan;
import dev.cvkit.evaluator.timeline.RecoveryFigure;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import java.io.IOException;

/**
 * The parts of the JSON report about the fault: {@code phases} (name, start, end in epoch ms, and the
 * phase's statistics as in {@code stats}), {@code faultWindows}, {@code warmup} and {@code recovery}.
 */
public final class PhasesJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PhasesJson() {
    }

    /** {@code [{"name": "before", "start": ms, "end": ms, "stats": {overall, labels}}, ...]}; empty without windows. */
    public static ArrayNode phases(RunAnalysis run) {
        ArrayNode phases = JSON.arrayNode();
        for (PhaseStats p : run.phases()) {
            ObjectNode n = phases.addObject();
            n.put("name", p.phase().yamlName());
            n.put("start", p.startMillis());
            n.put("end", p.endMillis());
            n.set("stats", StatsJson.of(p));
        }
        return phases;
    }

    /** The same as {@link #phases}, written one label at a time. */
    static void writePhases(JsonGenerator g, RunAnalysis run) throws IOException {
        g.writeStartArray();
        for (PhaseStats p : run.phases()) {
            g.writeStartObject();
            g.writeStringField("name", p.phase().yamlName());
            g.writeNumberField("start", p.startMillis());
            g.writeNumberField("end", p.endMillis());
            g.writeFieldName("stats");
            StatsJson.write(g, p);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code [{"start", "end", "openEnded", "source", "experiments", "executions"}]}. */
    public static ArrayNode faultWindows(RunAnalysis run) {
        ArrayNode windows = JSON.arrayNode();
        for (FaultWindow w : run.faultWindows()) {
            ObjectNode n = windows.addObject();
            n.put("start", w.startMillis());
            n.put("end", w.openEnded() ? run.lastSampleEndMillis() : w.endMillis());
            n.put("openEnded", w.openEnded());
            n.put("source", w.source() == FaultWindow.Source.OPTION ? "--fault-window" : "markers");
            ArrayNode experiments = n.putArray("experiments");
            w.experiments().forEach(experiments::add);
            ArrayNode executions = n.putArray("executions");
            w.executions().forEach(executions::add);
        }
        return windows;
    }

    /** {@code {"setting": "60s"|"auto", "end": ms, "rowsLeftOut": n}}, or null without a warm-up. */
    public static ObjectNode warmup(RunAnalysis run) {
        if (run.plan().warmupEndMillis() == PhasePlan.NO_WARMUP) {
            return null;
        }
        ObjectNode n = JSON.objectNode();
        n.put("setting", run.warmup().toString());
        n.put("end", run.plan().warmupEndMillis());
        n.put("rowsLeftOut", run.warmupRows());
        return n;
    }

    /**
     * {@code {"settings": {...}, "flows": [{"label", "signal", "recovered", "seconds", "beforeLevel", "note",
     * "windows": [{"faultEnd", "seconds", "limit", "relapseSeconds", "note"}]}]}}, or null without windows.
     */
    public static ObjectNode recovery(RunAnalysis run, java.util.List<Recovery.FlowRecovery> flows,
            RecoverySettings settings) {
        if (!run.plan().hasFaultWindows()) {
            return null;
        }
        ObjectNode n = JSON.objectNode();
        ObjectNode s = n.putObject("settings");
        s.put("windowSeconds", settings.windowMillis() / 1000.0);
        s.put("holdSeconds", settings.holdMillis() / 1000.0);
        s.put("tolerancePct", settings.tolerancePct());
        s.put("errorTolerancePts", settings.errorTolerancePts());
        // Labels without figures of their own: more labels than the time cells keep one by one (0 almost always).
        n.put("labelsNotOverTime", run.timeline() == null ? 0 : run.timeline().labelsLeftOut());
        ArrayNode list = n.putArray("flows");
        for (Recovery.FlowRecovery f : flows) {
            ObjectNode o = list.addObject();
            o.put("label", f.label());
            o.put("signal", f.signal().description());
            o.put("recovered", f.recovered());
            StatsJson.putNumber(o, "seconds", f.worstSeconds());
            StatsJson.putNumber(o, "beforeLevel", f.beforeLevel());
            o.put("note", f.note());
            ArrayNode ws = o.putArray("windows");
            for (Recovery.WindowRecovery w : f.windows()) {
                ObjectNode wn = ws.addObject();
                wn.put("faultEnd", w.window().endMillis());
                RecoveryFigure fig = w.figure();
                StatsJson.putNumber(wn, "seconds", fig == null ? null : fig.seconds());
                StatsJson.putNumber(wn, "limit", fig == null ? null : fig.limit());
                StatsJson.putNumber(wn, "relapseSeconds", fig == null ? null : fig.relapseSeconds());
                wn.put("note", w.problem() != null ? w.problem() : fig.note());
            }
        }
        return n;
    }
}
