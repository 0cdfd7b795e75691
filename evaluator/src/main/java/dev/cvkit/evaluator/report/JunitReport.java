package dev.cvkit.evaluator.report;

import dev.cvkit.evaluator.criteria.CriterionResult;
import dev.cvkit.evaluator.criteria.Evaluation;
import dev.cvkit.evaluator.criteria.Outcome;
import dev.cvkit.evaluator.criteria.Tier;
import dev.cvkit.evaluator.text.LogText;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The {@code --junit} report: one {@code testcase} per criterion in one {@code testsuite}, the shape the
 * Azure DevOps "Publish Test Results" task (JUnit format) and GitHub test reporters read. A failing
 * criterion carries a {@code failure} whose message gives actual versus threshold; a criterion not
 * evaluated locally is {@code skipped}; a warning criterion that holds passes with the warning in
 * {@code system-out}.
 */
public final class JunitReport {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private JunitReport() {
    }

    public static String toXml(Evaluation evaluation, Instant timestamp) {
        long tests = evaluation.results().size();
        long failures = evaluation.count(Outcome.FAIL);
        long skipped = evaluation.count(Outcome.NOT_EVALUATED);
        StringWriter buffer = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(buffer);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "cvkit evaluate");
            counts(xml, tests, failures, skipped);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", xmlText("cvkit criteria " + evaluation.criteriaSource()));
            counts(xml, tests, failures, skipped);
            xml.writeAttribute("timestamp", TIMESTAMP.format(timestamp.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            property(xml, "verdict", evaluation.verdict().jsonName());
            property(xml, "criteriaFile", evaluation.criteriaSource());
            xml.writeEndElement();
            for (CriterionResult r : evaluation.results()) {
                testcase(xml, r);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing JUnit XML to memory failed", e);
        }
        return buffer + "\n";
    }

    private static void counts(XMLStreamWriter xml, long tests, long failures, long skipped) throws XMLStreamException {
        xml.writeAttribute("tests", Long.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Long.toString(skipped));
        xml.writeAttribute("time", "0");
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", xmlText(value));
    }

    private static void testcase(XMLStreamWriter xml, CriterionResult r) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", xmlText(Formats.criterion(r)));
        xml.writeAttribute("classname", "cvkit." + (r.tier() == Tier.FAIL ? "failureCriteria" : "warnCriteria"));
        xml.writeAttribute("file", xmlText(r.location().file()));
        xml.writeAttribute("line", Integer.toString(r.location().line()));
        xml.writeAttribute("time", "0");
        String measured = Formats.figures(r);
        switch (r.outcome()) {
            case FAIL -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", "criterion");
                xml.writeAttribute("message", xmlText((r.note().isEmpty() ? "criterion holds: " : "cannot be judged: ")
                        + measured + (r.note().isEmpty() ? "" : "; " + r.note())));
                xml.writeCharacters(xmlText(r.location() + ": " + Formats.criterion(r) + "\n" + measured
                        + (r.note().isEmpty() ? "" : "\n" + r.note())));
                xml.writeEndElement();
            }
            case NOT_EVALUATED -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", xmlText(r.note()));
            }
            case WARN -> {
                xml.writeStartElement("system-out");
                xml.writeCharacters("WARN: warning criterion holds: " + measured);
                xml.writeEndElement();
            }
            case PASS -> {
                xml.writeStartElement("system-out");
                xml.writeCharacters("PASS: " + measured);
                xml.writeEndElement();
            }
        }
        xml.writeEndElement();
    }

    /**
     * Text as XML 1.0 can hold it (the writer passes any character on, and a parser then refuses the whole file):
     * control characters other than tab and line ends shown as escapes ({@code \x1b}, as on the console), lone
     * surrogates and the non-characters U+FFFE and U+FFFF replaced by U+FFFD.
     */
    static String xmlText(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                b.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                b.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                b.append('\uFFFD');
            } else {
                b.append(LogText.visibleControls(String.valueOf(c)));
            }
        }
        return b.toString();
    }
}
