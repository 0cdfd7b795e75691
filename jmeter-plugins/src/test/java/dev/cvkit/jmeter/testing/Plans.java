package dev.cvkit.jmeter.testing;

import dev.cvkit.jmeter.config.ChaosExperimentConfig;
import dev.cvkit.jmeter.guard.FaultGuard;
import dev.cvkit.jmeter.sampler.StartFaultSampler;
import dev.cvkit.jmeter.sampler.StopFaultSampler;
import dev.cvkit.jmeter.schedule.FaultSchedule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.jmeter.save.SaveService;
import org.apache.jmeter.config.Arguments;
import org.apache.jmeter.control.LoopController;
import org.apache.jmeter.control.gui.LoopControlPanel;
import org.apache.jmeter.control.gui.TestPlanGui;
import org.apache.jmeter.protocol.http.control.gui.HttpTestSampleGui;
import org.apache.jmeter.protocol.http.sampler.HTTPSamplerProxy;
import org.apache.jmeter.protocol.java.control.gui.JavaTestSamplerGui;
import org.apache.jmeter.protocol.java.sampler.JavaSampler;
import org.apache.jmeter.sampler.TestAction;
import org.apache.jmeter.sampler.gui.TestActionGui;
import org.apache.jmeter.testbeans.gui.TestBeanGUI;
import org.apache.jmeter.timers.ConstantTimer;
import org.apache.jmeter.timers.gui.ConstantTimerGui;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.testelement.TestElement;
import org.apache.jmeter.testelement.TestPlan;
import org.apache.jmeter.threads.ThreadGroup;
import org.apache.jmeter.threads.gui.ThreadGroupGui;
import org.apache.jorphan.collections.HashTree;
import org.apache.jorphan.collections.ListedHashTree;

/**
 * Builds test plans with the cvkit elements the way the GUI would save them (every element carries its
 * GUI and test class, TestBeans keep their values as properties), so that a built plan runs in-process,
 * saves as a .jmx that the stock JMeter and its GUI open, and reads like a user's plan.
 */
public final class Plans {

    /** The Chaos Studio Experiment element's name in these plans. */
    public static final String CONFIG_NAME = "chaos";

    private final ListedHashTree tree = new ListedHashTree();
    private final HashTree planNode;

    public Plans(String name) {
        TestPlan plan = new TestPlan(name);
        plan.setProperty(TestElement.GUI_CLASS, TestPlanGui.class.getName());
        plan.setProperty(TestElement.TEST_CLASS, TestPlan.class.getName());
        plan.setUserDefinedVariables(new Arguments());
        planNode = tree.add(plan);
    }

    public ListedHashTree tree() {
        return tree;
    }

    /** Saves the plan as a .jmx, as the GUI would. */
    public Path save(Path file) throws IOException {
        JMeterTestHome.init();
        try (OutputStream out = Files.newOutputStream(file)) {
            SaveService.saveTree(tree, out);
        }
        return file;
    }

    private static <T extends AbstractTestElement> T bean(T element, String name, Map<String, String> properties) {
        element.setName(name);
        element.setProperty(TestElement.GUI_CLASS, TestBeanGUI.class.getName());
        element.setProperty(TestElement.TEST_CLASS, element.getClass().getName());
        properties.forEach(element::setProperty);
        return element;
    }

    /** A Chaos Studio Experiment element named {@value #CONFIG_NAME} with these fields. */
    public Plans config(Map<String, String> fields) {
        planNode.add(bean(new ChaosExperimentConfig(), CONFIG_NAME, fields));
        return this;
    }

    public Plans schedule(String offsetSeconds, String durationSeconds) {
        planNode.add(bean(new FaultSchedule(), "cvkit Fault Schedule",
                Map.of("experimentConfig", CONFIG_NAME, "startOffsetSeconds", offsetSeconds, "durationSeconds", durationSeconds)));
        return this;
    }

    public Plans guard(String maxErrorPercent, String windowSeconds, String minSamples) {
        planNode.add(bean(new FaultGuard(), "cvkit Fault Guard", Map.of("experimentConfig", CONFIG_NAME,
                "maxErrorPercent", maxErrorPercent, "windowSeconds", windowSeconds, "minSamples", minSamples)));
        return this;
    }

    /** A "Fault control" thread group: Start Fault, pause {@code faultMillis}, Stop Fault (each optional). */
    public Plans faultControl(boolean start, long faultMillis, boolean stop) {
        HashTree group = planNode.add(threadGroup("Fault control", 1, 1, 0));
        if (start) {
            group.add(bean(new StartFaultSampler(), "Start fault", Map.of("experimentConfig", CONFIG_NAME, "waitUntilRunning", "true")));
        }
        if (faultMillis > 0) {
            group.add(pause(faultMillis));
        }
        if (stop) {
            group.add(bean(new StopFaultSampler(), "Stop fault", Map.of("experimentConfig", CONFIG_NAME)));
        }
        return this;
    }

    /**
     * A "Fault control" thread group that waits {@code delayMillis}, starts the fault (waiting until Running),
     * lets it run {@code faultMillis}, and stops it.
     */
    public Plans faultControlAfter(long delayMillis, long faultMillis) {
        HashTree group = planNode.add(threadGroup("Fault control", 1, 1, 0));
        group.add(pause(delayMillis));
        group.add(bean(new StartFaultSampler(), "Start fault",
                Map.of("experimentConfig", CONFIG_NAME, "waitUntilRunning", "true")));
        group.add(pause(faultMillis));
        group.add(bean(new StopFaultSampler(), "Stop fault", Map.of("experimentConfig", CONFIG_NAME)));
        return this;
    }

    /**
     * A "Shoppers" thread group of {@code threads} running for {@code seconds}: {@code GET <url>} (JMeter's
     * HTTP sampler, a full URL, e.g. {@code ${__P(target.url)}/api/catalog}), then {@code thinkMillis} of
     * think time.
     */
    public Plans httpLoad(int threads, int seconds, String url, long thinkMillis) {
        HashTree group = planNode.add(threadGroup("Shoppers", threads, -1, seconds));
        HTTPSamplerProxy sampler = new HTTPSamplerProxy();
        sampler.setName("Browse catalog");
        sampler.setProperty(TestElement.GUI_CLASS, HttpTestSampleGui.class.getName());
        sampler.setProperty(TestElement.TEST_CLASS, HTTPSamplerProxy.class.getName());
        sampler.setMethod("GET");
        sampler.setPath(url);
        sampler.setConnectTimeout("2000");
        sampler.setResponseTimeout("5000");
        HashTree samplerNode = group.add(sampler);
        ConstantTimer think = new ConstantTimer();
        think.setName("Think");
        think.setProperty(TestElement.GUI_CLASS, ConstantTimerGui.class.getName());
        think.setProperty(TestElement.TEST_CLASS, ConstantTimer.class.getName());
        think.setDelay(Long.toString(thinkMillis));
        samplerNode.add(think);
        return this;
    }

    /** A "Fault control" thread group looping {@code cycles} times over Start Fault, Stop Fault. */
    public Plans faultCycles(int cycles) {
        HashTree group = planNode.add(threadGroup("Fault control", 1, cycles, 0));
        group.add(bean(new StartFaultSampler(), "Start fault", Map.of("experimentConfig", CONFIG_NAME, "waitUntilRunning", "true")));
        group.add(bean(new StopFaultSampler(), "Stop fault", Map.of("experimentConfig", CONFIG_NAME)));
        return this;
    }

    /**
     * A "Load" thread group of {@code threads} running for {@code seconds}: Java test samples of about
     * {@code sleepMillis} each, whose success is the JMeter property {@code cvkit.loadStatus} (OK unless set).
     */
    public Plans load(int threads, int seconds, long sleepMillis) {
        HashTree group = planNode.add(threadGroup("Load", threads, -1, seconds));
        JavaSampler sampler = new JavaSampler();
        sampler.setName("Browse catalog");
        sampler.setProperty(TestElement.GUI_CLASS, JavaTestSamplerGui.class.getName());
        sampler.setProperty(TestElement.TEST_CLASS, JavaSampler.class.getName());
        sampler.setClassname("org.apache.jmeter.protocol.java.test.JavaTest");
        Arguments arguments = new Arguments();
        arguments.addArgument("Sleep_Time", Long.toString(sleepMillis));
        arguments.addArgument("Sleep_Mask", "0");
        arguments.addArgument("Label", "Browse catalog");
        arguments.addArgument("Status", "${__P(cvkit.loadStatus,OK)}");
        arguments.addArgument("ResponseCode", "200");
        arguments.addArgument("ResponseMessage", "OK");
        sampler.setArguments(arguments);
        group.add(sampler);
        return this;
    }

    private static ThreadGroup threadGroup(String name, int threads, int loops, int seconds) {
        LoopController loop = new LoopController();
        loop.setLoops(loops);
        loop.setContinueForever(loops < 0);
        loop.setFirst(true);
        loop.setProperty(TestElement.GUI_CLASS, LoopControlPanel.class.getName());
        loop.setProperty(TestElement.TEST_CLASS, LoopController.class.getName());
        loop.initialize();
        ThreadGroup group = new ThreadGroup();
        group.setName(name);
        group.setProperty(TestElement.GUI_CLASS, ThreadGroupGui.class.getName());
        group.setProperty(TestElement.TEST_CLASS, ThreadGroup.class.getName());
        group.setNumThreads(threads);
        group.setRampUp(0);
        group.setSamplerController(loop);
        if (seconds > 0) {
            group.setScheduler(true);
            group.setDuration(seconds);
        }
        return group;
    }

    private static TestAction pause(long millis) {
        TestAction pause = new TestAction();
        pause.setName("Fault runs");
        pause.setProperty(TestElement.GUI_CLASS, TestActionGui.class.getName());
        pause.setProperty(TestElement.TEST_CLASS, TestAction.class.getName());
        pause.setAction(TestAction.PAUSE);
        pause.setTarget(TestAction.THREAD);
        pause.setDuration(Long.toString(millis));
        return pause;
    }
}
