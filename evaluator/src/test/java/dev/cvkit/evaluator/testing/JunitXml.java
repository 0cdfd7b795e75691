package dev.cvkit.evaluator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Checks JUnit XML against the test schema and that every count attribute matches the testcases. */
public final class JunitXml {

    private JunitXml() {
    }

    /** Validates {@code xml} and its counts; returns the parsed document. */
    public static Document validate(String xml) throws Exception {
        URL xsd = JunitXml.class.getResource("/junit/junit-report.xsd");
        assertThat(xsd).as("junit-report.xsd on the test classpath").isNotNull();
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
                .validate(new StreamSource(new StringReader(xml)));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        NodeList suites = root.getElementsByTagName("testsuite");
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            int t = suite.getElementsByTagName("testcase").getLength();
            int fl = suite.getElementsByTagName("failure").getLength();
            int sk = suite.getElementsByTagName("skipped").getLength();
            assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(t));
            assertThat(suite.getAttribute("failures")).isEqualTo(Integer.toString(fl));
            assertThat(suite.getAttribute("skipped")).isEqualTo(Integer.toString(sk));
            assertThat(suite.getAttribute("errors")).isEqualTo(
                    Integer.toString(suite.getElementsByTagName("error").getLength()));
            tests += t;
            failures += fl;
            skipped += sk;
        }
        assertThat(root.getAttribute("tests")).isEqualTo(Integer.toString(tests));
        assertThat(root.getAttribute("failures")).isEqualTo(Integer.toString(failures));
        assertThat(root.getAttribute("skipped")).isEqualTo(Integer.toString(skipped));
        return doc;
    }
}
