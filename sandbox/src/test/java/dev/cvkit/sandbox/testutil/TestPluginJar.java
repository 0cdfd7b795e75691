package dev.cvkit.sandbox.testutil;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds, at test time, a jar with a JMeter element that is on no classpath — a stand-in for the cvkit
 * plugin jar, to prove that extra jars are loaded: {@value #SAMPLER_CLASS}, a sampler that succeeds without
 * I/O and answers "echo".
 */
public final class TestPluginJar {

    public static final String SAMPLER_CLASS = "cvkit.testplugin.EchoSampler";

    private static final String SOURCE = """
            package cvkit.testplugin;

            import org.apache.jmeter.samplers.AbstractSampler;
            import org.apache.jmeter.samplers.Entry;
            import org.apache.jmeter.samplers.SampleResult;
            import org.apache.jmeter.testbeans.TestBean;

            public class EchoSampler extends AbstractSampler implements TestBean {
                private static final long serialVersionUID = 1L;

                @Override
                public SampleResult sample(Entry entry) {
                    SampleResult result = new SampleResult();
                    result.setSampleLabel(getName());
                    result.sampleStart();
                    result.setResponseData("echo", "UTF-8");
                    result.setResponseCodeOK();
                    result.setResponseMessage("echo");
                    result.setSuccessful(true);
                    result.sampleEnd();
                    return result;
                }
            }
            """;

    private static final String BEAN_INFO = """
            package cvkit.testplugin;

            import org.apache.jmeter.testbeans.BeanInfoSupport;

            public class EchoSamplerBeanInfo extends BeanInfoSupport {
                public EchoSamplerBeanInfo() {
                    super(EchoSampler.class);
                }
            }
            """;

    private static final String RESOURCES = "displayName=Echo Sampler (cvkit test plugin)\n";

    private TestPluginJar() {
    }

    /** Compiles the sampler against the test classpath and writes {@code dir/cvkit-test-plugin.jar}. */
    public static Path build(Path dir) throws IOException {
        Path src = dir.resolve("src/cvkit/testplugin/EchoSampler.java");
        Path beanInfo = dir.resolve("src/cvkit/testplugin/EchoSamplerBeanInfo.java");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes.resolve("cvkit/testplugin"));
        Files.writeString(src, SOURCE);
        Files.writeString(beanInfo, BEAN_INFO);
        Files.writeString(classes.resolve("cvkit/testplugin/EchoSamplerResources.properties"), RESOURCES);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int exit = compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                "--release", "17", src.toString(), beanInfo.toString());
        if (exit != 0) {
            throw new IOException("could not compile the test plugin (javac exit " + exit + ")");
        }
        Path jar = dir.resolve("cvkit-test-plugin.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /** A plan with one thread group running the echo sampler {@code loops} times. */
    public static String plan(int loops) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <jmeterTestPlan version="1.2" properties="5.0" jmeter="5.6.3">
                  <hashTree>
                    <TestPlan guiclass="TestPlanGui" testclass="TestPlan" testname="plugin plan">
                      <elementProp name="TestPlan.user_defined_variables" elementType="Arguments" guiclass="ArgumentsPanel" testclass="Arguments">
                        <collectionProp name="Arguments.arguments"/>
                      </elementProp>
                    </TestPlan>
                    <hashTree>
                      <ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="echoes">
                        <stringProp name="ThreadGroup.num_threads">1</stringProp>
                        <intProp name="ThreadGroup.ramp_time">0</intProp>
                        <stringProp name="ThreadGroup.on_sample_error">continue</stringProp>
                        <elementProp name="ThreadGroup.main_controller" elementType="LoopController" guiclass="LoopControlPanel" testclass="LoopController">
                          <stringProp name="LoopController.loops">%d</stringProp>
                          <boolProp name="LoopController.continue_forever">false</boolProp>
                        </elementProp>
                      </ThreadGroup>
                      <hashTree>
                        <%s guiclass="TestBeanGUI" testclass="%s" testname="echo sample"/>
                        <hashTree/>
                      </hashTree>
                    </hashTree>
                  </hashTree>
                </jmeterTestPlan>
                """.formatted(loops, SAMPLER_CLASS, SAMPLER_CLASS);
    }

    /** Files in the jar (for assertions). */
    public static List<String> entries(Path jar) throws IOException {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }
}
