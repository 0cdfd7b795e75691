package dev.cvkit.evaluator.criteria;

import dev.cvkit.evaluator.InvalidInputException;
import dev.cvkit.evaluator.phases.DurationText;
import dev.cvkit.evaluator.phases.Phase;
import dev.cvkit.evaluator.phases.Warmup;
import dev.cvkit.evaluator.timeline.RecoverySettings;
import java.io.IOException;
import java.time.Duration;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.io.InputStreamReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a criteria file: a YAML map whose {@code failureCriteria:} and {@code warnCriteria:} hold
 * criteria in Azure Load Testing's grammar, either as a plain list or as ALT's map with
 * {@code clientMetrics:} and {@code serverMetrics:}; criteria per fault phase under
 * {@code phases: {before|during|after: [...]}} (a list item of a tier, or a key of ALT's map form); and
 * the top-level {@code warmup:} and {@code recovery:} settings. Any other top-level key is ignored, so that
 * an ALT {@code config.yaml} is accepted as it is.
 *
 * <p>The file is walked as YAML nodes rather than Java objects so that every message names the line.
 * Anything that cannot be read is an {@link InvalidInputException} (exit 3); a file that yields no
 * criterion to judge is one too, because a gate that judges nothing must never pass.
 */
public final class CriteriaFileLoader {

    private static final String CLIENT_METRICS = "clientMetrics";
    private static final String SERVER_METRICS = "serverMetrics";
    private static final String PHASES = "phases";
    private static final String WARMUP = "warmup";
    private static final String RECOVERY = "recovery";
    private static final List<String> RECOVERY_KEYS = List.of("window", "hold", "tolerance", "errorTolerance");

    /**
     * The largest criteria file read: 1 MiB. An ALT config.yaml is a few kilobytes; the bound keeps the time to
     * read a hostile file (a label or comment of megabytes, from a pull request) under about a second.
     */
    static final int MAX_CHARS = 1 << 20;

    private CriteriaFileLoader() {
    }

    /** Reads the criteria file at {@code path}; {@code source} is the name used in messages. */
    public static CriteriaSet load(Path path, String source) {
        if (Files.isDirectory(path)) {
            throw new InvalidInputException(source, 0, "is a directory, expected a criteria YAML file");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            // A FIFO or a device would be read until its writer stops, or forever: never wait on one.
            throw new InvalidInputException(source, 0, "is not a regular file (a FIFO, device or socket), expected a"
                    + " criteria YAML file");
        }
        try {
            if (Files.size(path) > MAX_CHARS * 4L) {
                // Decoded, a UTF-8 character takes at most 4 bytes; the parser counts the characters exactly.
                throw new InvalidInputException(source, 0, tooLarge());
            }
        } catch (IOException e) {
            // reported below, as the read fails
        }
        try (Reader reader = new InputStreamReader(Files.newInputStream(path),
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return load(reader, source);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(source, 0, "no such criteria file");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source, 0, "not a UTF-8 text file: expected a criteria YAML file");
        } catch (IOException e) {
            throw new InvalidInputException(source, 0, "cannot read the criteria file: " + e.getMessage(), e);
        }
    }

    /** Reads criteria from {@code reader}; {@code source} is the name used in messages. */
    public static CriteriaSet load(Reader reader, String source) {
        Node root = compose(reader, source);
        if (root == null) {
            throw CriteriaErrors.at(source, 1, "the criteria file is empty");
        }
        DuplicateKeys.refuse(root, source);
        if (!(root instanceof MappingNode top)) {
            throw CriteriaErrors.at(source, line(root),
                    "expected a YAML map with failureCriteria: and/or warnCriteria:, found " + describe(root));
        }
        List<Criterion> criteria = new ArrayList<>();
        List<ServerMetricCriterion> server = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Warmup warmup = Warmup.NONE;
        RecoverySettings recovery = RecoverySettings.DEFAULTS;
        for (NodeTuple entry : top.getValue()) {
            String key = scalarText(entry.getKeyNode());
            if (key == null) {
                continue;
            }
            if (key.equals(PHASES)) {
                throw CriteriaErrors.at(location(source, entry.getKeyNode()), "phases: belongs inside failureCriteria:"
                        + " or warnCriteria:, as a list item ('- phases: {during: [...]}') or, in ALT's map form,"
                        + " next to clientMetrics:; the tier then says whether its criteria fail or warn");
            }
            if (key.equals(WARMUP)) {
                warmup = readWarmup(entry.getValueNode(), source);
                continue;
            }
            if (key.equals(RECOVERY)) {
                recovery = readRecovery(entry.getValueNode(), source);
                continue;
            }
            for (Tier tier : Tier.values()) {
                if (key.equals(tier.yamlKey())) {
                    if (!seen.add(key)) {
                        throw CriteriaErrors.at(source, line(entry.getKeyNode()), key + ": appears twice");
                    }
                    readTier(entry.getValueNode(), tier, source, criteria, server);
                }
            }
        }
        if (seen.isEmpty()) {
            throw CriteriaErrors.at(source, 1,
                    "no failureCriteria: or warnCriteria: in this file: nothing to judge the results against");
        }
        if (criteria.isEmpty()) {
            throw CriteriaErrors.at(source, 1, "no criterion that can be judged locally"
                    + (server.isEmpty() ? "" : " (only serverMetrics, which JMeter results do not carry)")
                    + ": a gate without criteria would pass anything");
        }
        return new CriteriaSet(source, criteria, server, warmup, recovery);
    }

    /** {@code warmup: 60s}, {@code warmup: auto} or {@code warmup: none}. */
    private static Warmup readWarmup(Node value, String source) {
        String text = scalarText(value);
        SourceLocation at = location(source, value);
        if (text == null) {
            throw CriteriaErrors.at(at, "warmup: expected " + DurationText.ACCEPTED + ", auto or none, found "
                    + describe(value));
        }
        String t = text.strip();
        if (t.equalsIgnoreCase("auto")) {
            return Warmup.auto();
        }
        if (t.equalsIgnoreCase("none")) {
            return Warmup.NONE;
        }
        Duration d = DurationText.parse(t);
        if (d == null) {
            throw CriteriaErrors.at(at, "warmup: '" + t + "' is not " + DurationText.expected(t) + ", auto (until the"
                    + " thread count reaches its plateau) or none");
        }
        return d.isZero() ? Warmup.NONE : Warmup.of(d.toMillis());
    }

    /** {@code recovery: {window: 10s, hold: 30s, tolerance: 20%, errorTolerance: 1%}}, each optional. */
    private static RecoverySettings readRecovery(Node value, String source) {
        if (isNull(value)) {
            return RecoverySettings.DEFAULTS;
        }
        if (!(value instanceof MappingNode map)) {
            throw CriteriaErrors.at(location(source, value), "recovery: expected a map with " + String.join(", ",
                    RECOVERY_KEYS) + " (e.g. recovery: {window: 10s, hold: 30s, tolerance: 20%, errorTolerance: 1%}),"
                    + " found " + describe(value));
        }
        RecoverySettings d = RecoverySettings.DEFAULTS;
        long window = d.windowMillis();
        long hold = d.holdMillis();
        double tolerance = d.tolerancePct();
        double errorTolerance = d.errorTolerancePts();
        for (NodeTuple entry : map.getValue()) {
            String key = scalarText(entry.getKeyNode());
            Node v = entry.getValueNode();
            SourceLocation at = location(source, v);
            if (key == null || !RECOVERY_KEYS.contains(key)) {
                throw CriteriaErrors.at(location(source, entry.getKeyNode()), "unexpected key " + describe(entry.getKeyNode())
                        + " under recovery: expected " + String.join(", ", RECOVERY_KEYS));
            }
            String text = scalarText(v);
            switch (key) {
                case "window" -> {
                    window = duration(text, at, "recovery.window", "the rolling window over which error % and p95 are"
                            + " computed");
                    if (window < 1000) {
                        throw CriteriaErrors.at(at, "recovery.window: must be at least 1s, found '" + text + "'");
                    }
                }
                case "hold" -> hold = duration(text, at, "recovery.hold", "how long the flow must stay back");
                case "tolerance" -> tolerance = percent(text, at, "recovery.tolerance",
                        "how far above the before-fault p95 still counts as back, e.g. 20%");
                default -> errorTolerance = percent(text, at, "recovery.errorTolerance",
                        "how many percentage points above the before-fault error % still count as back, e.g. 1%");
            }
        }
        return new RecoverySettings(window, hold, tolerance, errorTolerance);
    }

    private static long duration(String text, SourceLocation at, String key, String meaning) {
        Duration d = text == null ? null : DurationText.parse(text);
        if (d == null) {
            throw CriteriaErrors.at(at, key + ": expected " + DurationText.expected(text) + " (" + meaning + "), found "
                    + (text == null ? "nothing" : "'" + text + "'"));
        }
        return d.toMillis();
    }

    private static double percent(String text, SourceLocation at, String key, String meaning) {
        String t = text == null ? "" : text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(t);
            if (v >= 0 && Double.isFinite(v) && !t.isEmpty() && Character.isDigit(t.charAt(t.length() - 1))) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CriteriaErrors.at(at, key + ": expected a percentage >= 0 (" + meaning + "), found "
                + (text == null ? "nothing" : "'" + text + "'"));
    }

    private static Node compose(Reader reader, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_CHARS);
        try {
            return new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw CriteriaErrors.at(source, line, "not valid YAML: " + problem + context);
        } catch (YAMLException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CharacterCodingException) {
                throw new InvalidInputException(source, 0, "not a UTF-8 text file: expected a criteria YAML file");
            }
            if (e.getMessage() != null && e.getMessage().contains("exceeds the limit")) {
                throw new InvalidInputException(source, 0, tooLarge());
            }
            throw CriteriaErrors.at(source, 1, "not valid YAML: " + e.getMessage());
        }
    }

    private static String tooLarge() {
        return "is larger than a criteria file may be (" + MAX_CHARS + " characters; an ALT config.yaml is a few"
                + " kilobytes)";
    }

    private static void readTier(Node value, Tier tier, String source, List<Criterion> criteria,
            List<ServerMetricCriterion> server) {
        if (isNull(value)) {
            return;
        }
        if (value instanceof SequenceNode list) {
            readClientList(list, tier, source, criteria, Scope.WHOLE_RUN);
        } else if (value instanceof MappingNode map) {
            readAltMap(map, tier, source, criteria, server);
        } else {
            throw CriteriaErrors.at(source, line(value), tier.yamlKey() + ": expected a list of criteria (or a map with "
                    + CLIENT_METRICS + ": and " + SERVER_METRICS + ":), found " + describe(value));
        }
    }

    private static void readAltMap(MappingNode map, Tier tier, String source, List<Criterion> criteria,
            List<ServerMetricCriterion> server) {
        for (NodeTuple entry : map.getValue()) {
            String key = scalarText(entry.getKeyNode());
            Node value = entry.getValueNode();
            if (CLIENT_METRICS.equals(key)) {
                if (isNull(value)) {
                    continue;
                }
                if (!(value instanceof SequenceNode list)) {
                    throw CriteriaErrors.at(source, line(value), tier.yamlKey() + "." + CLIENT_METRICS
                            + ": expected a list of criteria, found " + describe(value));
                }
                readClientList(list, tier, source, criteria, Scope.WHOLE_RUN);
            } else if (SERVER_METRICS.equals(key)) {
                if (isNull(value)) {
                    continue;
                }
                if (!(value instanceof SequenceNode list)) {
                    throw CriteriaErrors.at(source, line(value), tier.yamlKey() + "." + SERVER_METRICS
                            + ": expected a list of server metric criteria, found " + describe(value));
                }
                for (Node item : list.getValue()) {
                    server.add(ServerMetrics.read(item, tier, source));
                }
            } else if (PHASES.equals(key)) {
                readPhases(value, tier, source, criteria);
            } else {
                throw CriteriaErrors.at(source, line(entry.getKeyNode()), "unexpected key '" + key + "' under "
                        + tier.yamlKey() + ": expected " + CLIENT_METRICS + ":, " + SERVER_METRICS + ": or " + PHASES
                        + ": (or write the criteria as a plain list)");
            }
        }
    }

    /** {@code phases: {before: [...], during: [...], after: [...]}} inside a tier. */
    private static void readPhases(Node value, Tier tier, String source, List<Criterion> criteria) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode map)) {
            throw CriteriaErrors.at(location(source, value), tier.yamlKey() + ".phases: expected a map from before,"
                    + " during or after to a list of criteria (e.g. phases: {during: [percentage(error) > 5]}), found "
                    + describe(value));
        }
        Set<String> seen = new HashSet<>();
        for (NodeTuple entry : map.getValue()) {
            String key = scalarText(entry.getKeyNode());
            SourceLocation at = location(source, entry.getKeyNode());
            Phase phase = key == null ? null : Phase.byName(key).orElse(null);
            if (phase == null) {
                throw CriteriaErrors.at(at, "unknown phase " + describe(entry.getKeyNode()) + " under phases: expected"
                        + " before, during or after (the fault phases cut by the fault markers or --fault-window)");
            }
            if (!seen.add(phase.yamlName())) {
                throw CriteriaErrors.at(at, "phases: " + phase.yamlName() + ": appears twice in " + tier.yamlKey());
            }
            Node criteriaNode = entry.getValueNode();
            if (isNull(criteriaNode)) {
                continue;
            }
            if (!(criteriaNode instanceof SequenceNode list)) {
                throw CriteriaErrors.at(location(source, criteriaNode), "phases: " + phase.yamlName()
                        + ": expected a list of criteria, found " + describe(criteriaNode));
            }
            readClientList(list, tier, source, criteria, phase.yamlName());
        }
    }

    private static void readClientList(SequenceNode list, Tier tier, String source, List<Criterion> criteria,
            String phase) {
        for (Node item : list.getValue()) {
            SourceLocation at = location(source, item);
            if (item instanceof ScalarNode scalar) {
                if (isNull(scalar)) {
                    throw CriteriaErrors.at(at, "empty criterion in " + tier.yamlKey());
                }
                criteria.add(CriterionParser.parse(scalar.getValue(), null, at, tier, phase));
            } else if (item instanceof MappingNode map) {
                // ALT's per-request form: "- Label: avg(response_time_ms) > 300" is a one-entry YAML map.
                if (map.getValue().size() != 1) {
                    throw CriteriaErrors.at(at, "one criterion per list item: expected '- <label>: <criterion>', found a map with "
                            + map.getValue().size() + " entries");
                }
                NodeTuple entry = map.getValue().get(0);
                String label = scalarText(entry.getKeyNode());
                Node value = entry.getValueNode();
                if (label == null) {
                    throw CriteriaErrors.at(at, "a label must be plain text, found " + describe(entry.getKeyNode()));
                }
                if (label.equals(PHASES) && !(value instanceof ScalarNode)) {
                    if (!phase.equals(Scope.WHOLE_RUN)) {
                        throw CriteriaErrors.at(at, "phases: inside phases: " + phase + ": phases do not nest");
                    }
                    readPhases(value, tier, source, criteria);
                    continue;
                }
                if (!(value instanceof ScalarNode) || isNull(value)) {
                    throw CriteriaErrors.at(location(source, value), "expected a criterion after '" + label
                            + ": ', found " + describe(value));
                }
                criteria.add(CriterionParser.parse(((ScalarNode) value).getValue(), label, at, tier, phase));
            } else {
                throw CriteriaErrors.at(at, "expected a criterion, found " + describe(item));
            }
        }
    }

    static SourceLocation location(String source, Node node) {
        return new SourceLocation(source, line(node));
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    static boolean isNull(Node node) {
        return node == null || Tag.NULL.equals(node.getTag());
    }

    /** The text of a scalar node, or null for anything else. */
    static String scalarText(Node node) {
        return node instanceof ScalarNode s && !isNull(s) ? s.getValue() : null;
    }

    static String describe(Node node) {
        if (node == null || isNull(node)) {
            return "nothing";
        }
        if (node instanceof ScalarNode s) {
            return "'" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a map";
    }
}
