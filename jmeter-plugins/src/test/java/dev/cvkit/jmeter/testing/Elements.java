package dev.cvkit.jmeter.testing;

import dev.cvkit.jmeter.config.ChaosExperimentConfig;
import dev.cvkit.jmeter.guard.FaultGuard;
import dev.cvkit.jmeter.sampler.StartFaultSampler;
import dev.cvkit.jmeter.sampler.StopFaultSampler;
import dev.cvkit.jmeter.schedule.FaultSchedule;
import java.util.List;
import org.apache.jmeter.testbeans.TestBean;

/** Every JMeter element the module ships. A new element must be added here to be covered by the contract tests. */
public final class Elements {

    public static final List<Class<? extends TestBean>> ALL = List.of(ChaosExperimentConfig.class,
            StartFaultSampler.class, StopFaultSampler.class, FaultSchedule.class, FaultGuard.class);

    private Elements() {
    }
}
