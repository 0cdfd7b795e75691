package dev.cvkit.jmeter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.StockJMeter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-in jar ({@code target/cvkit-jmeter-plugins-<version>.jar}) next to a stock JMeter 5.6.3 home: it
 * brings only what JMeter lacks, relocates what JMeter has in another version, and shadows nothing.
 */
class PackagedJarIT {

    @TempDir
    Path directory;
    private StockJMeter jmeter;

    @BeforeEach
    void home() {
        jmeter = StockJMeter.withPlugin(directory);
    }

    private static Set<String> entries(Path jar, boolean classesOnly) throws IOException {
        Set<String> names = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || name.startsWith("META-INF/")) {
                    continue;
                }
                if (!classesOnly || name.endsWith(".class")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Test
    void noClassOfTheJarIsAlsoInJMetersOwnJars() throws IOException {
        Map<String, String> jmeterClasses = new HashMap<>();
        for (Path jar : jmeter.stockJars()) {
            for (String name : entries(jar, true)) {
                jmeterClasses.putIfAbsent(name, jar.getFileName().toString());
            }
        }
        Set<String> ours = entries(jmeter.pluginJar(), true);
        List<String> clashes = ours.stream().filter(jmeterClasses::containsKey)
                .map(name -> name + " (also in " + jmeterClasses.get(name) + ")").toList();
        assertThat(jmeterClasses).as("classes of the stock home").hasSizeGreaterThan(10_000);
        assertThat(ours).as("classes of the plugin jar").hasSizeGreaterThan(1_000);
        assertThat(clashes).as("classes JMeter already has").isEmpty();
    }

    @Test
    void resourcesOutsideMetaInfDoNotShadowJMetersEither() throws IOException {
        Set<String> jmeterResources = new TreeSet<>();
        for (Path jar : jmeter.stockJars()) {
            entries(jar, false).stream().filter(n -> !n.endsWith(".class")).forEach(jmeterResources::add);
        }
        assertThat(entries(jmeter.pluginJar(), false).stream().filter(n -> !n.endsWith(".class"))
                .filter(jmeterResources::contains).toList()).isEmpty();
    }

    @Test
    void jacksonIsRelocatedAndTheLoggingApiIsLeftToJMeter() throws IOException {
        Set<String> ours = entries(jmeter.pluginJar(), true);
        assertThat(ours).noneMatch(n -> n.startsWith("com/fasterxml/"));
        assertThat(ours).noneMatch(n -> n.startsWith("org/slf4j/") || n.startsWith("org/apache/logging/"));
        assertThat(ours).contains("dev/cvkit/jmeter/shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
        assertThat(ours).contains("dev/cvkit/jmeter/config/ChaosExperimentConfig.class",
                "dev/cvkit/jmeter/config/ChaosExperimentConfigBeanInfo.class",
                "dev/cvkit/jmeter/sampler/StartFaultSampler.class", "dev/cvkit/jmeter/sampler/StopFaultSampler.class",
                "dev/cvkit/jmeter/schedule/FaultSchedule.class", "dev/cvkit/jmeter/guard/FaultGuard.class",
                "com/azure/core/http/jdk/httpclient/JdkHttpClientBuilder.class",
                "com/azure/identity/ManagedIdentityCredential.class");
        assertThat(ours).noneMatch(n -> n.startsWith("io/netty/"));
        assertThat(entries(jmeter.pluginJar(), false)).contains(
                "dev/cvkit/jmeter/config/ChaosExperimentConfigResources.properties");
        try (JarFile jar = new JarFile(jmeter.pluginJar().toFile())) {
            assertThat(jar.getEntry("META-INF/services/com.azure.core.http.HttpClientProvider")).isNotNull();
            assertThat(jar.getManifest().getMainAttributes().getValue("Implementation-Title")).isEqualTo("cvkit JMeter plugins");
            // JMeter 5.6.3 skips the jar in its ServiceLoader-based lookups; its GUI menus still scan it.
            assertThat(jar.getManifest().getMainAttributes().getValue("JMeter-Skip-Class-Scanning")).isEqualTo("true");
        }
    }

    /**
     * The attribute's effect as JMeter 5.6.3 applies it: its ServiceLoader-based lookups (functions, commands,
     * renderers; {@code JMeterUtils.loadServicesAndScanJars}) scan with the skip flag set and pass the jar over;
     * the GUI's {@code MenuFactory} scans for {@code JMeterGUIComponent} and {@code TestBean} without it and still
     * finds every element, so the menus keep them.
     */
    @Test
    @SuppressWarnings("deprecation")
    void jmeterSkipsTheJarInItsStartLookupsButTheMenusStillFindTheElements() throws IOException {
        String[] jar = {jmeter.pluginJar().toString()};
        Class<?>[] menuKinds = {org.apache.jmeter.gui.JMeterGUIComponent.class, org.apache.jmeter.testbeans.TestBean.class};
        assertThat(org.apache.jorphan.reflect.ClassFinder.findClassesThatExtend(jar, menuKinds)).containsExactlyInAnyOrder(
                "dev.cvkit.jmeter.config.ChaosExperimentConfig", "dev.cvkit.jmeter.sampler.StartFaultSampler",
                "dev.cvkit.jmeter.sampler.StopFaultSampler", "dev.cvkit.jmeter.schedule.FaultSchedule",
                "dev.cvkit.jmeter.guard.FaultGuard");
        try (org.apache.jorphan.reflect.ClassFinder.Closeable skipping =
                org.apache.jorphan.reflect.ClassFinder.skipJarsWithJmeterSkipClassScanningAttribute()) {
            assertThat(org.apache.jorphan.reflect.ClassFinder.findClassesThatExtend(jar, menuKinds)).isEmpty();
        }
    }
}
