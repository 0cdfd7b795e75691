package dev.cvkit.evaluator.criteria;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Refuses a key written twice in one YAML map, at any depth. YAML readers disagree on which of two equal keys
 * counts (SnakeYAML's node tree keeps both; a reviewer sees the first), so a criteria file with one could be
 * read by the gate otherwise than by the person who approved it. SnakeYAML's own duplicate check works only
 * when it builds Java objects, not on the node tree this loader walks.
 */
final class DuplicateKeys {

    private DuplicateKeys() {
    }

    /** @throws dev.cvkit.evaluator.InvalidInputException at the second of two equal keys of one map */
    static void refuse(Node root, String source) {
        // Iterative, and each node once: an alias makes the tree a graph, and anchors may be nested deep.
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof MappingNode map) {
                Map<String, Node> keys = new HashMap<>();
                for (NodeTuple entry : map.getValue()) {
                    if (entry.getKeyNode() instanceof ScalarNode key) {
                        Node first = keys.putIfAbsent(key.getValue(), key);
                        if (first != null) {
                            throw CriteriaErrors.at(CriteriaFileLoader.location(source, key), key.getValue()
                                    + ": appears twice in one map (first on line " + CriteriaFileLoader.line(first)
                                    + "); YAML readers disagree on which one counts: write it once");
                        }
                    } else {
                        pending.push(entry.getKeyNode());
                    }
                    pending.push(entry.getValueNode());
                }
            } else if (node instanceof SequenceNode list) {
                for (Node item : list.getValue()) {
                    pending.push(item);
                }
            }
        }
    }
}
