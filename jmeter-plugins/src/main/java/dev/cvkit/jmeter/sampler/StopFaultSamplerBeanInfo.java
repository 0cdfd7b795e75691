package dev.cvkit.jmeter.sampler;

import java.beans.PropertyDescriptor;
import org.apache.jmeter.testbeans.BeanInfoSupport;

/** GUI description of {@link StopFaultSampler}. */
public class StopFaultSamplerBeanInfo extends BeanInfoSupport {

    static final String EXPERIMENT_CONFIG = "experimentConfig";

    public StopFaultSamplerBeanInfo() {
        super(StopFaultSampler.class);
        createPropertyGroup("fault", new String[] {EXPERIMENT_CONFIG});
        PropertyDescriptor p = property(EXPERIMENT_CONFIG);
        p.setValue(NOT_UNDEFINED, Boolean.TRUE);
        p.setValue(DEFAULT, "");
    }
}
