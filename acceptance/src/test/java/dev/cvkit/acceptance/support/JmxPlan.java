package dev.cvkit.acceptance.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A .jmx read as the XML it is (no JMeter involved): its elements in tree order with their class, name and
 * path, and their text properties. For checks of a plan's structure that must not depend on JMeter loading it.
 */
public final class JmxPlan {

    /** {@code ${__P(name)}} or {@code ${__P(name,default)}}: the JMeter properties a plan reads. */
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{__P\\(([^,()]+)(,[^()]*)?\\)\\}");
    /** {@code ${name}}: a variable (not a function, which starts with two underscores). */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(?!__)([^${}()]+)\\}");

    /**
     * One element of the tree.
     *
     * @param testClass  the element's class as saved ({@code TransactionController}, {@code dev.cvkit.jmeter...})
     * @param name       its name ({@code testname})
     * @param path       the names from the Test Plan down to its parent
     * @param enabled    whether it is enabled
     * @param properties its string, bool and int properties by name (nested ones flattened, last wins)
     * @param texts      every property text, nested ones included
     * @param arguments  the names of its arguments (User Defined Variables, HTTP parameters)
     */
    public record PlanElement(String testClass, String name, List<String> path, boolean enabled,
            Map<String, String> properties, List<String> texts, List<String> arguments) {

        public boolean isA(String simpleClassName) {
            return testClass.equals(simpleClassName) || testClass.endsWith("." + simpleClassName);
        }

        public boolean inside(String ancestorName) {
            return path.contains(ancestorName);
        }
    }

    private final Path file;
    private final List<PlanElement> elements;

    private JmxPlan(Path file, List<PlanElement> elements) {
        this.file = file;
        this.elements = elements;
    }

    public static JmxPlan read(Path file) throws IOException {
        Document document;
        try (InputStream in = Files.newInputStream(file)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + ": not an XML plan: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals("jmeterTestPlan")) {
            throw new IOException(file + ": root element is " + root.getTagName() + ", expected jmeterTestPlan");
        }
        List<PlanElement> elements = new ArrayList<>();
        walk(first(root, "hashTree"), new ArrayList<>(), elements);
        return new JmxPlan(file, List.copyOf(elements));
    }

    /** A hashTree holds pairs: an element, then the hashTree of its children. */
    private static void walk(Element hashTree, List<String> path, List<PlanElement> out) {
        Element previous = null;
        for (Node node = hashTree == null ? null : hashTree.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (!(node instanceof Element element)) {
                continue;
            }
            if (element.getTagName().equals("hashTree")) {
                if (previous != null) {
                    List<String> childPath = new ArrayList<>(path);
                    childPath.add(previous.getAttribute("testname"));
                    walk(element, childPath, out);
                }
                previous = null;
                continue;
            }
            previous = element;
            Map<String, String> properties = new LinkedHashMap<>();
            List<String> texts = new ArrayList<>();
            List<String> arguments = new ArrayList<>();
            collect(element, properties, texts, arguments);
            String testClass = element.hasAttribute("testclass") ? element.getAttribute("testclass") : element.getTagName();
            out.add(new PlanElement(testClass, element.getAttribute("testname"), List.copyOf(path),
                    !"false".equals(element.getAttribute("enabled")), properties, texts, arguments));
        }
    }

    private static void collect(Element element, Map<String, String> properties, List<String> texts, List<String> arguments) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (!(node instanceof Element child)) {
                continue;
            }
            String tag = child.getTagName();
            if (tag.equals("stringProp") || tag.equals("boolProp") || tag.equals("intProp") || tag.equals("longProp")) {
                properties.put(child.getAttribute("name"), child.getTextContent());
                texts.add(child.getTextContent());
                if (child.getAttribute("name").equals("Argument.name")) {
                    arguments.add(child.getTextContent());
                }
            } else if (tag.equals("FloatProperty") || tag.equals("DoubleProperty")) {
                properties.put(first(child, "name").getTextContent(), first(child, "value").getTextContent());
            } else {
                collect(child, properties, texts, arguments);
            }
        }
    }

    private static Element first(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element;
            }
        }
        return null;
    }

    public Path file() {
        return file;
    }

    public List<PlanElement> elements() {
        return elements;
    }

    public List<PlanElement> ofClass(String simpleClassName) {
        return elements.stream().filter(e -> e.isA(simpleClassName)).toList();
    }

    /** The Transaction Controllers' names: the plan's flows. */
    public List<String> transactionNames() {
        return ofClass("TransactionController").stream().map(PlanElement::name).toList();
    }

    /** The JMeter properties the plan reads, with whether the plan gives a default ({@code ${__P(name,default)}}). */
    public Map<String, Boolean> propertiesRead() {
        Map<String, Boolean> read = new LinkedHashMap<>();
        for (PlanElement element : elements) {
            for (String text : element.texts()) {
                Matcher m = PROPERTY.matcher(text);
                while (m.find()) {
                    read.merge(m.group(1).trim(), m.group(2) != null, Boolean::logicalOr);
                }
            }
        }
        return read;
    }

    /** Every {@code ${variable}} the plan's elements refer to (functions excluded). */
    public Set<String> variablesUsed() {
        Set<String> used = new LinkedHashSet<>();
        for (PlanElement element : elements) {
            for (String text : element.texts()) {
                Matcher m = VARIABLE.matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        return used;
    }
}
