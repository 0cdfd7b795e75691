package dev.cvkit.jmeter.schedule;

import java.beans.PropertyDescriptor;
import org.apache.jmeter.testbeans.BeanInfoSupport;

/** GUI description of {@link FaultSchedule}. */
public class FaultScheduleBeanInfo extends BeanInfoSupport {

    static final String EXPERIMENT_CONFIG = "experimentConfig";
    static final String START_OFFSET_SECONDS = "startOffsetSeconds";
    static final String DURATION_SECONDS = "durationSeconds";

    public FaultScheduleBeanInfo() {
        super(FaultSchedule.class);
        createPropertyGroup("schedule", new String[] {EXPERIMENT_CONFIG, START_OFFSET_SECONDS, DURATION_SECONDS});
        text(EXPERIMENT_CONFIG, "");
        text(START_OFFSET_SECONDS, "30");
        text(DURATION_SECONDS, "60");
    }

    private void text(String name, String defaultValue) {
        PropertyDescriptor p = property(name);
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, defaultValue);
    }
}
