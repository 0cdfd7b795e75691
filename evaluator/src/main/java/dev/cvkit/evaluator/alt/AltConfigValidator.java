package dev.cvkit.evaluator.alt;

import dev.cvkit.evaluator.alt.ConfigFinding.Severity;
import dev.cvkit.evaluator.text.EditDistance;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks an Azure Load Testing test configuration ({@code config.yaml}) against the keys and rules ALT
 * accepts, before a pipeline uploads it: unknown keys, missing required keys, value types and ranges,
 * identity and multi-region consistency, and (optionally) that every file it names exists next to it.
 *
 * <p>The rules follow ALT's published YAML reference and the validation the {@code azure/load-testing}
 * action and {@code AzureLoadTest@1} task apply. Every finding carries the line of the offending key so a
 * user can fix the file without guessing.
 */
public final class AltConfigValidator {

    /** Every top-level key ALT accepts. */
    public static final Set<String> KEYS = Set.of(
            "version", "testId", "testName", "displayName", "description", "testPlan", "testType",
            "engineInstances", "subnetId", "publicIPDisabled", "configurationFiles", "zipArtifacts",
            "splitAllCSVs", "properties", "env", "certificates", "secrets", "failureCriteria",
            "appComponents", "autoStop", "keyVaultReferenceIdentity", "keyVaultReferenceIdentityType",
            "regionalLoadTestConfig", "referenceIdentities");

    private static final Pattern TEST_ID = Pattern.compile("[a-zA-Z0-9_-]{2,50}");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SUBNET_ID = Pattern.compile(
            "/subscriptions/[a-f0-9-]+/resourceGroups/[\\p{L}\\p{N}()._-]+/providers/Microsoft\\.Network"
                    + "/virtualNetworks/[a-zA-Z0-9._-]+/subnets/[a-zA-Z0-9._-]+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_ASSIGNED_IDENTITY_ID = Pattern.compile(
            "/subscriptions/[a-f0-9-]+/resourceGroups/[\\p{L}\\p{N}()._-]+/providers"
                    + "/Microsoft\\.ManagedIdentity/userAssignedIdentities/[a-zA-Z0-9._-]+",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_ENGINES = 400;

    private final boolean checkFiles;

    /**
     * @param checkFiles also check that the test plan, configuration files, zip artifacts and user
     *                   properties file named by the configuration exist, relative to its folder
     */
    public AltConfigValidator(boolean checkFiles) {
        this.checkFiles = checkFiles;
    }

    /**
     * Reads and checks one configuration file.
     *
     * @return the findings, sorted by line; empty when ALT would accept the file as it is
     * @throws IOException when the file cannot be read at all
     */
    public List<ConfigFinding> validate(Path configFile) throws IOException {
        String name = configFile.toString();
        Node root;
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            return List.of(new ConfigFinding(Severity.ERROR, name, line, "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            return List.of(new ConfigFinding(Severity.ERROR, name, 0, "not valid YAML: " + e.getMessage()));
        }
        Check check = new Check(name, configFile.toAbsolutePath().getParent());
        check.root(root);
        check.findings.sort(Comparator.comparingInt(ConfigFinding::line));
        return List.copyOf(check.findings);
    }

    /** The state of one file's check: its findings and where relative paths start. */
    private final class Check {
        private final String file;
        private final Path folder;
        private final List<ConfigFinding> findings = new ArrayList<>();

        Check(String file, Path folder) {
            this.file = file;
            this.folder = folder;
        }

        void root(Node root) {
            if (!(root instanceof MappingNode mapping)) {
                error(root, "expected a mapping of ALT test configuration keys (testId, testPlan, ...)"
                        + (root == null ? " but the file is empty" : ""));
                return;
            }
            Map<String, NodeTuple> keys = entries(mapping);
            for (Map.Entry<String, NodeTuple> entry : keys.entrySet()) {
                if (!KEYS.contains(entry.getKey())) {
                    error(entry.getValue().getKeyNode(), "unknown key '" + entry.getKey() + "'"
                            + suggestion(entry.getKey(), KEYS) + "; ALT accepts: " + String.join(", ", sorted(KEYS)));
                }
            }
            version(keys.get("version"));
            testId(mapping, keys);
            optionalString(keys.get("displayName"), 2, 50);
            optionalString(keys.get("description"), 0, 100);
            String testType = testType(keys.get("testType"));
            testPlan(mapping, keys.get("testPlan"), testType);
            Integer engines = engineInstances(keys.get("engineInstances"), "engineInstances");
            network(keys);
            identities(keys);
            fileList(keys.get("configurationFiles"), "configurationFiles");
            fileList(keys.get("zipArtifacts"), "zipArtifacts");
            bool(keys.get("splitAllCSVs"), "splitAllCSVs");
            properties(keys.get("properties"), testType);
            nameValueList(keys.get("env"), "env");
            nameValueList(keys.get("secrets"), "secrets");
            nameValueList(keys.get("certificates"), "certificates");
            appComponents(keys.get("appComponents"));
            autoStop(keys.get("autoStop"));
            failureCriteria(keys.get("failureCriteria"));
            regions(keys.get("regionalLoadTestConfig"), engines);
        }

        private void version(NodeTuple tuple) {
            if (tuple == null) {
                return; // ALT's own tools accept a missing version; the only version there is is v0.1.
            }
            String value = scalar(tuple.getValueNode());
            if (!"v0.1".equals(value)) {
                error(tuple.getValueNode(), "version must be v0.1 (the only version ALT supports), found '" + value + "'");
            }
        }

        private void testId(MappingNode root, Map<String, NodeTuple> keys) {
            NodeTuple id = keys.containsKey("testId") ? keys.get("testId") : keys.get("testName");
            if (id == null) {
                error(root, "the required key testId is missing (2 to 50 characters of [a-zA-Z0-9_-])");
                return;
            }
            if (keys.containsKey("testName") && !keys.containsKey("testId")) {
                warning(id.getKeyNode(), "testName is deprecated: use testId");
            }
            String value = scalar(id.getValueNode());
            if (value == null || !TEST_ID.matcher(value).matches()) {
                error(id.getValueNode(), "testId '" + value + "' is not valid: use 2 to 50 characters of [a-zA-Z0-9_-]");
            }
        }

        private String testType(NodeTuple tuple) {
            if (tuple == null) {
                return "JMX";
            }
            String value = scalar(tuple.getValueNode());
            for (String kind : List.of("JMX", "URL", "Locust")) {
                if (kind.equals(value)) {
                    return kind;
                }
            }
            error(tuple.getValueNode(), "testType '" + value + "' is not valid: use JMX, URL or Locust");
            return "JMX";
        }

        private void testPlan(MappingNode root, NodeTuple tuple, String testType) {
            if (tuple == null) {
                error(root, "the required key testPlan is missing (the path of the test script, relative to this file)");
                return;
            }
            String plan = string(tuple.getValueNode(), "testPlan");
            if (plan == null) {
                return;
            }
            String extension = switch (testType) {
                case "URL" -> "json";
                case "Locust" -> "py";
                default -> "jmx";
            };
            if (!plan.toLowerCase(Locale.ROOT).endsWith("." + extension)) {
                error(tuple.getValueNode(), "testPlan of a " + testType + " test must be a ." + extension + " file, found '" + plan + "'");
            }
            fileExists(tuple.getValueNode(), plan, "testPlan");
        }

        private Integer engineInstances(NodeTuple tuple, String what) {
            if (tuple == null) {
                return null;
            }
            Node node = tuple.getValueNode();
            Integer value = integer(node);
            if (value == null || value < 1 || value > MAX_ENGINES) {
                error(node, what + " must be an integer from 1 to " + MAX_ENGINES + ", found '" + scalar(node) + "'");
                return null;
            }
            return value;
        }

        private void network(Map<String, NodeTuple> keys) {
            NodeTuple subnet = keys.get("subnetId");
            if (subnet != null) {
                String value = string(subnet.getValueNode(), "subnetId");
                if (value != null && !SUBNET_ID.matcher(value).matches()) {
                    error(subnet.getValueNode(), "subnetId must be /subscriptions/{id}/resourceGroups/{rg}/providers"
                            + "/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}");
                }
            }
            NodeTuple publicIp = keys.get("publicIPDisabled");
            Boolean disabled = bool(publicIp, "publicIPDisabled");
            if (Boolean.TRUE.equals(disabled) && subnet == null) {
                error(publicIp.getValueNode(), "publicIPDisabled: true needs a subnetId (it applies only to tests of private endpoints)");
            }
        }

        private void identities(Map<String, NodeTuple> keys) {
            NodeTuple kvIdentity = keys.get("keyVaultReferenceIdentity");
            NodeTuple kvType = keys.get("keyVaultReferenceIdentityType");
            if (kvIdentity != null) {
                userAssignedId(kvIdentity.getValueNode(), "keyVaultReferenceIdentity");
            }
            String type = kvType == null ? null : identityType(kvType.getValueNode(), "keyVaultReferenceIdentityType");
            if ("SystemAssigned".equals(type) && kvIdentity != null) {
                error(kvIdentity.getKeyNode(), "keyVaultReferenceIdentity must be omitted with keyVaultReferenceIdentityType: SystemAssigned");
            }
            if ("UserAssigned".equals(type) && kvIdentity == null) {
                error(kvType.getValueNode(), "keyVaultReferenceIdentityType: UserAssigned needs keyVaultReferenceIdentity (the identity's resource ID)");
            }
            NodeTuple references = keys.get("referenceIdentities");
            if (references == null) {
                return;
            }
            if (!(references.getValueNode() instanceof SequenceNode list)) {
                error(references.getValueNode(), "referenceIdentities must be a list of {kind, type, value}");
                return;
            }
            Map<String, Integer> systemAssigned = new LinkedHashMap<>();
            Map<String, Integer> userAssigned = new LinkedHashMap<>();
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode map)) {
                    error(item, "each reference identity must be a mapping with kind, type and value");
                    continue;
                }
                Map<String, NodeTuple> fields = entries(map);
                unknownFields(fields, Set.of("kind", "type", "value"), "a reference identity");
                NodeTuple kindTuple = fields.get("kind");
                String kind = kindTuple == null ? null : scalar(kindTuple.getValueNode());
                if (kind == null || !Set.of("Metrics", "KeyVault", "Engine").contains(kind)) {
                    error(kindTuple == null ? map : kindTuple.getValueNode(),
                            "kind of a reference identity must be Metrics, KeyVault or Engine, found '" + kind + "'");
                    continue;
                }
                NodeTuple typeTuple = fields.get("type");
                String refType = typeTuple == null ? null : identityType(typeTuple.getValueNode(), "type of a reference identity");
                NodeTuple valueTuple = fields.get("value");
                boolean hasValue = valueTuple != null && !isNull(valueTuple.getValueNode());
                if ("SystemAssigned".equals(refType) && hasValue) {
                    error(valueTuple.getKeyNode(), "a SystemAssigned reference identity takes no value");
                }
                if ("UserAssigned".equals(refType) && !hasValue) {
                    error(map, "a UserAssigned reference identity needs value: the identity's resource ID");
                }
                if (hasValue) {
                    userAssignedId(valueTuple.getValueNode(), "value of a reference identity");
                    userAssigned.merge(kind, 1, Integer::sum);
                } else {
                    systemAssigned.merge(kind, 1, Integer::sum);
                }
                if ("KeyVault".equals(kind) && (kvIdentity != null || kvType != null)) {
                    error(map, "two Key Vault identities: use either keyVaultReferenceIdentity or a KeyVault reference identity");
                }
            }
            for (String kind : List.of("Metrics", "KeyVault", "Engine")) {
                int sa = systemAssigned.getOrDefault(kind, 0);
                int ua = userAssigned.getOrDefault(kind, 0);
                if (sa > 0 && ua > 0) {
                    error(references.getKeyNode(), kind + " reference identity must be SystemAssigned or UserAssigned, not both");
                } else if (sa > 1 || (!"Engine".equals(kind) && ua > 1)) {
                    error(references.getKeyNode(), "only one " + kind + " reference identity is allowed"
                            + ("Engine".equals(kind) ? " with SystemAssigned" : ""));
                }
            }
        }

        private String identityType(Node node, String what) {
            String value = scalar(node);
            if (!"SystemAssigned".equals(value) && !"UserAssigned".equals(value)) {
                error(node, what + " must be SystemAssigned or UserAssigned, found '" + value + "'");
                return null;
            }
            return value;
        }

        private void userAssignedId(Node node, String what) {
            String value = string(node, what);
            if (value != null && !USER_ASSIGNED_IDENTITY_ID.matcher(value).matches()) {
                error(node, what + " must be /subscriptions/{id}/resourceGroups/{rg}/providers"
                        + "/Microsoft.ManagedIdentity/userAssignedIdentities/{name}");
            }
        }

        private void fileList(NodeTuple tuple, String what) {
            if (tuple == null) {
                return;
            }
            if (!(tuple.getValueNode() instanceof SequenceNode list)) {
                error(tuple.getValueNode(), what + " must be a list of file paths");
                return;
            }
            for (Node item : list.getValue()) {
                String path = string(item, "an entry of " + what);
                if (path != null) {
                    fileExists(item, path, what);
                }
            }
        }

        private void properties(NodeTuple tuple, String testType) {
            if (tuple == null) {
                return;
            }
            if (!(tuple.getValueNode() instanceof MappingNode map)) {
                error(tuple.getValueNode(), "properties must be a mapping with userPropertyFile");
                return;
            }
            Map<String, NodeTuple> fields = entries(map);
            unknownFields(fields, Set.of("userPropertyFile"), "properties");
            NodeTuple file = fields.get("userPropertyFile");
            if (file == null) {
                return;
            }
            String path = string(file.getValueNode(), "userPropertyFile");
            if (path == null) {
                return;
            }
            List<String> extensions = "Locust".equals(testType) ? List.of("conf", "ini", "toml") : List.of("properties");
            String lower = path.toLowerCase(Locale.ROOT);
            if (extensions.stream().noneMatch(ext -> lower.endsWith("." + ext))) {
                error(file.getValueNode(), "userPropertyFile of a " + testType + " test must be a ."
                        + String.join(" or .", extensions) + " file, found '" + path + "'");
            }
            fileExists(file.getValueNode(), path, "userPropertyFile");
        }

        private void nameValueList(NodeTuple tuple, String what) {
            if (tuple == null) {
                return;
            }
            if (!(tuple.getValueNode() instanceof SequenceNode list)) {
                error(tuple.getValueNode(), what + " must be a list of {name, value}");
                return;
            }
            Set<String> names = new LinkedHashSet<>();
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode map)) {
                    error(item, "each entry of " + what + " must be a mapping with name and value");
                    continue;
                }
                Map<String, NodeTuple> fields = entries(map);
                unknownFields(fields, Set.of("name", "value"), "an entry of " + what);
                NodeTuple nameTuple = fields.get("name");
                String name = nameTuple == null ? null : scalar(nameTuple.getValueNode());
                if (name == null || name.isEmpty()) {
                    error(map, "an entry of " + what + " has no name");
                } else if (!names.add(name)) {
                    error(nameTuple.getValueNode(), what + " names '" + name + "' twice");
                }
                if (!fields.containsKey("value")) {
                    error(map, "the entry '" + name + "' of " + what + " has no value");
                }
            }
        }

        private void appComponents(NodeTuple tuple) {
            if (tuple == null) {
                return;
            }
            if (!(tuple.getValueNode() instanceof SequenceNode list)) {
                error(tuple.getValueNode(), "appComponents must be a list of {resourceId, kind, metrics}");
                return;
            }
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode map)) {
                    error(item, "each app component must be a mapping with resourceId (and optionally kind, resourceName, metrics)");
                    continue;
                }
                Map<String, NodeTuple> fields = entries(map);
                unknownFields(fields, Set.of("resourceId", "kind", "resourceName", "metrics"), "an app component");
                NodeTuple id = fields.get("resourceId");
                if (id == null) {
                    error(map, "an app component needs resourceId");
                } else {
                    resourceId(id.getValueNode(), "resourceId of an app component");
                }
                NodeTuple metrics = fields.get("metrics");
                if (metrics == null) {
                    continue; // ALT then collects the resource type's default metrics.
                }
                if (!(metrics.getValueNode() instanceof SequenceNode metricList)) {
                    error(metrics.getValueNode(), "metrics of an app component must be a list of {name, aggregation, namespace}");
                    continue;
                }
                for (Node metric : metricList.getValue()) {
                    if (!(metric instanceof MappingNode metricMap)) {
                        error(metric, "each metric must be a mapping with name and aggregation");
                        continue;
                    }
                    Map<String, NodeTuple> metricFields = entries(metricMap);
                    unknownFields(metricFields, Set.of("name", "aggregation", "namespace"), "a metric");
                    requiredString(metricMap, metricFields, "name", "a metric");
                    requiredString(metricMap, metricFields, "aggregation", "a metric");
                }
            }
        }

        private void resourceId(Node node, String what) {
            String value = string(node, what);
            if (value == null) {
                return;
            }
            String[] parts = value.split("/");
            boolean shaped = parts.length >= 9 && parts[0].isEmpty()
                    && parts[1].equalsIgnoreCase("subscriptions") && GUID.matcher(parts[2]).matches()
                    && parts[3].equalsIgnoreCase("resourceGroups") && !parts[4].isEmpty()
                    && parts[5].equalsIgnoreCase("providers");
            if (!shaped) {
                error(node, what + " must be /subscriptions/{guid}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}, found '" + value + "'");
            }
        }

        private void autoStop(NodeTuple tuple) {
            if (tuple == null) {
                return;
            }
            Node node = tuple.getValueNode();
            if (node instanceof ScalarNode) {
                if (!"disable".equals(scalar(node))) {
                    error(node, "autoStop must be 'disable' or a mapping {errorPercentage, timeWindow}");
                }
                return;
            }
            if (!(node instanceof MappingNode map)) {
                error(node, "autoStop must be 'disable' or a mapping {errorPercentage, timeWindow}");
                return;
            }
            Map<String, NodeTuple> fields = entries(map);
            unknownFields(fields, Set.of("errorPercentage", "timeWindow"), "autoStop");
            NodeTuple pct = fields.get("errorPercentage");
            Double percentage = pct == null ? null : number(pct.getValueNode());
            if (percentage == null || percentage < 0 || percentage > 100) {
                error(pct == null ? map : pct.getValueNode(), "autoStop.errorPercentage must be a number from 0 to 100");
            }
            NodeTuple window = fields.get("timeWindow");
            Integer seconds = window == null ? null : integer(window.getValueNode());
            if (seconds == null || seconds <= 0) {
                error(window == null ? map : window.getValueNode(), "autoStop.timeWindow must be a whole number of seconds greater than 0");
            }
        }

        private void failureCriteria(NodeTuple tuple) {
            if (tuple == null || isNull(tuple.getValueNode())) {
                return;
            }
            Node node = tuple.getValueNode();
            if (node instanceof SequenceNode list) {
                criteriaList(list.getValue(), "failureCriteria");
                return;
            }
            if (!(node instanceof MappingNode map)) {
                error(node, "failureCriteria must be a list of criteria, or a mapping with clientMetrics and serverMetrics");
                return;
            }
            Map<String, NodeTuple> fields = entries(map);
            unknownFields(fields, Set.of("clientMetrics", "serverMetrics"), "failureCriteria");
            for (Map.Entry<String, NodeTuple> entry : fields.entrySet()) {
                Node value = entry.getValue().getValueNode();
                if (!(value instanceof SequenceNode list)) {
                    error(value, "failureCriteria." + entry.getKey() + " must be a list");
                } else if ("clientMetrics".equals(entry.getKey())) {
                    criteriaList(list.getValue(), "failureCriteria.clientMetrics");
                } else if ("serverMetrics".equals(entry.getKey())) {
                    serverMetrics(list.getValue());
                }
            }
        }

        private void criteriaList(List<Node> items, String what) {
            for (Node item : items) {
                if (!(item instanceof ScalarNode) && !(item instanceof MappingNode)) {
                    error(item, "each entry of " + what + " must be a criterion such as 'avg(response_time_ms) > 300'");
                }
            }
        }

        private void serverMetrics(List<Node> items) {
            for (Node item : items) {
                if (!(item instanceof MappingNode map)) {
                    error(item, "each server metric criterion must be a mapping with resourceId, metricName, aggregation, condition and value");
                    continue;
                }
                Map<String, NodeTuple> fields = entries(map);
                unknownFields(fields, Set.of("resourceId", "metricNamespace", "metricName", "aggregation", "condition", "value"),
                        "a server metric criterion");
                requiredString(map, fields, "resourceId", "a server metric criterion");
                requiredString(map, fields, "metricName", "a server metric criterion");
                requiredString(map, fields, "aggregation", "a server metric criterion");
                NodeTuple condition = fields.get("condition");
                String op = condition == null ? null : scalar(condition.getValueNode());
                if (!"GreaterThan".equals(op) && !"LessThan".equals(op)) {
                    error(condition == null ? map : condition.getValueNode(),
                            "condition of a server metric criterion must be GreaterThan or LessThan, found '" + op + "'");
                }
                NodeTuple value = fields.get("value");
                if (value == null || number(value.getValueNode()) == null) {
                    error(value == null ? map : value.getValueNode(), "value of a server metric criterion must be a number");
                }
            }
        }

        private void regions(NodeTuple tuple, Integer engines) {
            if (tuple == null) {
                return;
            }
            if (!(tuple.getValueNode() instanceof SequenceNode list)) {
                error(tuple.getValueNode(), "regionalLoadTestConfig must be a list of {region, engineInstances}");
                return;
            }
            if (list.getValue().size() < 2) {
                error(tuple.getValueNode(), "a multi-region test needs at least 2 regions in regionalLoadTestConfig");
            }
            int total = 0;
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode map)) {
                    error(item, "each region must be a mapping with region and engineInstances");
                    continue;
                }
                Map<String, NodeTuple> fields = entries(map);
                unknownFields(fields, Set.of("region", "engineInstances"), "a region");
                requiredString(map, fields, "region", "a region");
                Integer count = fields.containsKey("engineInstances")
                        ? engineInstances(fields.get("engineInstances"), "engineInstances of a region") : null;
                if (!fields.containsKey("engineInstances")) {
                    error(map, "a region needs engineInstances");
                }
                total += count == null ? 0 : count;
            }
            int expected = engines == null ? 1 : engines;
            if (total != expected) {
                error(tuple.getKeyNode(), "the regions' engineInstances add up to " + total
                        + " but engineInstances is " + expected + ": they must be equal");
            }
        }

        private void fileExists(Node node, String path, String what) {
            if (checkFiles && !Files.exists(folder.resolve(path))) {
                error(node, what + " '" + path + "' does not exist (paths are relative to the configuration file's folder)");
            }
        }

        private void optionalString(NodeTuple tuple, int min, int max) {
            if (tuple == null) {
                return;
            }
            String what = ((ScalarNode) tuple.getKeyNode()).getValue();
            String value = string(tuple.getValueNode(), what);
            if (value != null && (value.length() < min || value.length() > max)) {
                error(tuple.getValueNode(), what + " must be " + (min > 0 ? min + " to " : "at most ") + max
                        + " characters long, found " + value.length());
            }
        }

        private void requiredString(MappingNode map, Map<String, NodeTuple> fields, String key, String what) {
            NodeTuple tuple = fields.get(key);
            if (tuple == null) {
                error(map, what + " needs " + key);
                return;
            }
            String value = string(tuple.getValueNode(), key + " of " + what);
            if (value != null && value.isEmpty()) {
                error(tuple.getValueNode(), key + " of " + what + " must not be empty");
            }
        }

        private void unknownFields(Map<String, NodeTuple> fields, Set<String> allowed, String what) {
            for (Map.Entry<String, NodeTuple> entry : fields.entrySet()) {
                if (!allowed.contains(entry.getKey())) {
                    error(entry.getValue().getKeyNode(), "unknown key '" + entry.getKey() + "' in " + what
                            + suggestion(entry.getKey(), allowed) + "; accepted: " + String.join(", ", sorted(allowed)));
                }
            }
        }

        private Boolean bool(NodeTuple tuple, String what) {
            if (tuple == null) {
                return null;
            }
            Node node = tuple.getValueNode();
            if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
                return Boolean.valueOf(scalar.getValue().toLowerCase(Locale.ROOT).matches("true|yes|on|y"));
            }
            error(node, what + " must be true or false, found '" + scalar(node) + "'");
            return null;
        }

        private String string(Node node, String what) {
            if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
                return scalar.getValue();
            }
            error(node, what + " must be a string");
            return null;
        }

        private Map<String, NodeTuple> entries(MappingNode map) {
            Map<String, NodeTuple> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    NodeTuple earlier = entries.putIfAbsent(key.getValue(), tuple);
                    if (earlier != null) {
                        // Parsers disagree on which of two equal keys wins: ALT's may not take the one you think.
                        error(key, "key '" + key.getValue() + "' appears twice (first on line "
                                + line(earlier.getKeyNode()) + ")");
                    }
                } else {
                    error(tuple.getKeyNode(), "keys must be plain names");
                }
            }
            return entries;
        }

        private void error(Node node, String message) {
            findings.add(new ConfigFinding(Severity.ERROR, file, line(node), message));
        }

        private void warning(Node node, String message) {
            findings.add(new ConfigFinding(Severity.WARNING, file, line(node), message));
        }
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag()) ? scalar.getValue() : null;
    }

    private static Integer integer(Node node) {
        if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
            try {
                return Integer.valueOf(scalar.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double number(Node node) {
        if (node instanceof ScalarNode scalar && (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
            try {
                return Double.valueOf(scalar.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    /** ", did you mean 'testId'?" when a known key is within two edits of the unknown one. */
    static String suggestion(String unknown, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = EditDistance.levenshtein(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }
}
