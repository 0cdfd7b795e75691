package dev.cvkit.jmeter.guard;

import java.beans.PropertyDescriptor;
import org.apache.jmeter.testbeans.BeanInfoSupport;

/** GUI description of {@link FaultGuard}. */
public class FaultGuardBeanInfo extends BeanInfoSupport {

    static final String EXPERIMENT_CONFIG = "experimentConfig";
    static final String MAX_ERROR_PERCENT = "maxErrorPercent";
    static final String WINDOW_SECONDS = "windowSeconds";
    static final String MIN_SAMPLES = "minSamples";

    public FaultGuardBeanInfo() {
        super(FaultGuard.class);
        createPropertyGroup("blastRadius",
                new String[] {EXPERIMENT_CONFIG, MAX_ERROR_PERCENT, WINDOW_SECONDS, MIN_SAMPLES});
        text(EXPERIMENT_CONFIG, "");
        text(MAX_ERROR_PERCENT, "20");
        text(WINDOW_SECONDS, "30");
        text(MIN_SAMPLES, "20");
    }

    private void text(String name, String defaultValue) {
        PropertyDescriptor p = property(name);
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, defaultValue);
    }
}
