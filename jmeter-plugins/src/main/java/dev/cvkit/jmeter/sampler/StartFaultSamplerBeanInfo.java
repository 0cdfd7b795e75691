package dev.cvkit.jmeter.sampler;

import java.beans.PropertyDescriptor;
import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.gui.TypeEditor;

/** GUI description of {@link StartFaultSampler}. */
public class StartFaultSamplerBeanInfo extends BeanInfoSupport {

    static final String EXPERIMENT_CONFIG = "experimentConfig";
    static final String WAIT_UNTIL_RUNNING = "waitUntilRunning";

    public StartFaultSamplerBeanInfo() {
        super(StartFaultSampler.class);
        createPropertyGroup("fault", new String[] {EXPERIMENT_CONFIG, WAIT_UNTIL_RUNNING});
        PropertyDescriptor p = property(EXPERIMENT_CONFIG);
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "");
        p = property(WAIT_UNTIL_RUNNING, TypeEditor.ComboStringEditor);
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "true");
        p.setValue(NOT_OTHER, Boolean.FALSE);
        p.setValue(TAGS, new String[] {"true", "false"});
    }
}
