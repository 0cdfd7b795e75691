package dev.cvkit.jmeter.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cvkit.jmeter.testing.Elements;
import dev.cvkit.jmeter.testing.EmulatorFixture;
import dev.cvkit.jmeter.testing.JMeterTestHome;
import dev.cvkit.jmeter.testing.Plans;
import dev.cvkit.jmeter.testing.StockJMeter;
import dev.cvkit.sandbox.testutil.VirtualDisplay;
import java.awt.image.BufferedImage;
import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testbeans.TestBeanHelper;
import org.apache.jmeter.testbeans.gui.GenericTestBeanCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMeter 5.6.3's GUI (the stock home, the packaged jar in lib/ext) under Xvfb opens a plan with every cvkit
 * element; a start-up script selects each element, records the texts its panel shows and takes a screenshot.
 * Checked: each panel shows the element's title, every field's label and every group's title; each screenshot
 * is a real picture (many colours, no single colour covering the screen). Skipped when Xvfb is absent.
 */
class JMeterGuiIT {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 1000;

    @TempDir
    Path directory;

    @Test
    void everyElementsPanelShowsItsTitleAndAllItsFields() throws Exception {
        assumeTrue(VirtualDisplay.installed("Xvfb"),
                "Xvfb is not installed (apt-get install xvfb): the JMeter GUI test is skipped");
        StockJMeter jmeter = StockJMeter.withPlugin(directory);
        Path plan = new Plans("every element").config(EmulatorFixture.configFields()).schedule("30", "60")
                .guard("20", "30", "20").faultControl(true, 1000, true).load(1, 1, 10)
                .save(directory.resolve("every-element.jmx"));
        Path script = directory.resolve("drive-gui.groovy");
        try (InputStream in = getClass().getResourceAsStream("/dev/cvkit/jmeter/gui/drive-gui.groovy")) {
            Files.copy(in, script);
        }
        Path out = Files.createDirectories(Path.of("target", "gui-screenshots").toAbsolutePath());
        Files.deleteIfExists(out.resolve("done.txt"));
        Files.deleteIfExists(out.resolve("report.txt"));

        Process gui = null;
        try (VirtualDisplay display = VirtualDisplay.start(WIDTH, HEIGHT, directory.resolve("xvfb.log"))) {
            try {
                ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m", "-jar", jmeter.home().resolve("bin/ApacheJMeter.jar").toString(), "-t", plan.toString(),
                        "-j", directory.resolve("gui.log").toString(), "-Jjsr223.init.file=" + script,
                        "-Jcvkit.gui.out=" + out).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(directory.resolve("gui.console.txt").toFile());
                gui = display.into(builder).start();
                awaitFile(out.resolve("done.txt"), 240);
                gui.waitFor(20, TimeUnit.SECONDS);
            } finally {
                if (gui != null) {
                    gui.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }

        Map<String, String> shown = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("report.txt"))) {
            String[] parts = line.split("\t", 2);
            shown.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        assertThat(shown).as("what the GUI driver saw; GUI log: %s", Files.readString(directory.resolve("gui.log")))
                .doesNotContainKey("ERROR");
        JMeterTestHome.init();
        for (Class<? extends TestBean> element : Elements.ALL) {
            String texts = shown.get(element.getName());
            assertThat(texts).as("panel of " + element.getSimpleName()).isNotNull();
            for (String expected : expectedTexts(element)) {
                assertThat(texts).as("panel of " + element.getSimpleName()).contains(expected);
            }
            assertPicture(out.resolve(element.getSimpleName() + ".png"));
        }
    }

    private static List<String> expectedTexts(Class<? extends TestBean> element) throws Exception {
        BeanInfo info = Introspector.getBeanInfo(element);
        List<String> texts = new ArrayList<>();
        texts.add(info.getBeanDescriptor().getDisplayName());
        java.util.ResourceBundle bundle = (java.util.ResourceBundle) info.getBeanDescriptor()
                .getValue(org.apache.jmeter.testbeans.BeanInfoSupport.RESOURCE_BUNDLE);
        for (PropertyDescriptor property : info.getPropertyDescriptors()) {
            if (!TestBeanHelper.isDescriptorIgnored(property)) {
                texts.add(property.getDisplayName());
                texts.add(bundle.getString(property.getValue(GenericTestBeanCustomizer.GROUP) + ".displayName"));
            }
        }
        return texts;
    }

    /** Not blank: many colours, and no colour covers more than 90% of the screen. */
    private static void assertPicture(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int pixels = (image.getWidth() / 2) * (image.getHeight() / 2);
        int commonest = colours.values().stream().max(Integer::compare).orElse(0);
        assertThat(colours.size()).as("colours in " + png).isGreaterThan(50);
        assertThat(commonest).as("share of the commonest colour in " + png).isLessThan(pixels * 9 / 10);
    }

    private static void awaitFile(Path file, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        if (!Files.exists(file)) {
            throw new AssertionError(file + " did not appear within " + seconds + " s");
        }
    }
}
