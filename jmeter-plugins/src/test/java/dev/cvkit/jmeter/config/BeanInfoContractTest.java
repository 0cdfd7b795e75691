package dev.cvkit.jmeter.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.testing.Elements;
import dev.cvkit.jmeter.testing.JMeterTestHome;
import java.beans.BeanInfo;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import org.apache.jmeter.testbeans.BeanInfoSupport;
import org.apache.jmeter.testbeans.TestBean;
import org.apache.jmeter.testbeans.TestBeanHelper;
import org.apache.jmeter.testbeans.gui.GenericTestBeanCustomizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every element's GUI texts are complete and its choices are saved by stable keys: walks each BeanInfo as
 * JMeter's TestBean GUI does.
 */
class BeanInfoContractTest {

    @BeforeAll
    static void jmeter() {
        JMeterTestHome.init();
    }

    static List<Class<? extends TestBean>> elements() {
        return Elements.ALL;
    }

    private static List<PropertyDescriptor> shown(BeanInfo info) {
        List<PropertyDescriptor> shown = new ArrayList<>();
        for (PropertyDescriptor property : info.getPropertyDescriptors()) {
            if (!TestBeanHelper.isDescriptorIgnored(property)) {
                shown.add(property);
            }
        }
        return shown;
    }

    @ParameterizedTest
    @MethodSource("elements")
    void theElementHasItsOwnBeanInfoAndACvkitDisplayName(Class<? extends TestBean> element) throws Exception {
        Class<?> explicit = Class.forName(element.getName() + "BeanInfo");
        assertThat(BeanInfoSupport.class).isAssignableFrom(explicit);
        BeanInfo info = Introspector.getBeanInfo(element);
        assertThat(info.getBeanDescriptor().getDisplayName()).startsWith("cvkit ");
        assertThat(shown(info)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("elements")
    void everyPropertyHasATextADescriptionAGroupAndADefault(Class<? extends TestBean> element) throws Exception {
        BeanInfo info = Introspector.getBeanInfo(element);
        ResourceBundle bundle = (ResourceBundle) info.getBeanDescriptor().getValue(BeanInfoSupport.RESOURCE_BUNDLE);
        assertThat(bundle).as("resource bundle of " + element.getSimpleName()).isNotNull();
        for (PropertyDescriptor property : shown(info)) {
            String name = element.getSimpleName() + "." + property.getName();
            assertThat(property.getPropertyType()).as(name + " is text, so that it takes expressions")
                    .isEqualTo(String.class);
            assertThat(property.getDisplayName()).as(name + " displayName").isNotBlank().isNotEqualTo(property.getName());
            assertThat(property.getShortDescription()).as(name + " shortDescription").isNotBlank()
                    .isNotEqualTo(property.getDisplayName());
            String group = (String) property.getValue(GenericTestBeanCustomizer.GROUP);
            assertThat(group).as(name + " group").isNotNull();
            assertThat(bundle.containsKey(group + ".displayName")).as(group + ".displayName").isTrue();
            assertThat(property.getValue(BeanInfoSupport.NOT_UNDEFINED)).as(name + " NOT_UNDEFINED").isEqualTo(Boolean.TRUE);
            assertThat(property.getValue(BeanInfoSupport.DEFAULT)).as(name + " DEFAULT").isNotNull();
            assertThat(property.getValue(BeanInfoSupport.NOT_EXPRESSION)).as(name + " takes expressions")
                    .isNotEqualTo(Boolean.TRUE);
        }
    }

    @ParameterizedTest
    @MethodSource("elements")
    void choicesAreSavedByStableKeysWithTheirTextsInTheBundle(Class<? extends TestBean> element) throws Exception {
        BeanInfo info = Introspector.getBeanInfo(element);
        for (PropertyDescriptor property : shown(info)) {
            String[] tags = (String[]) property.getValue(BeanInfoSupport.TAGS);
            if (tags == null) {
                continue;
            }
            String name = element.getSimpleName() + "." + property.getName();
            assertThat(tags).as(name + " tags are keys, not texts or positions")
                    .allSatisfy(tag -> assertThat(tag).matches("[A-Za-z][A-Za-z0-9.]*"));
            assertThat(tags).as(name + " default is a tag").contains((String) property.getValue(BeanInfoSupport.DEFAULT));
            ResourceBundle bundle = (ResourceBundle) property.getValue(BeanInfoSupport.RESOURCE_BUNDLE);
            if (bundle != null) {
                for (String tag : tags) {
                    assertThat(bundle.containsKey(tag)).as(name + " text for " + tag).isTrue();
                    assertThat(bundle.getString(tag)).isNotEqualTo(tag);
                }
            } else {
                assertThat(tags).as(name + " unlocalized tags are true/false only").containsOnly("true", "false");
            }
            assertThat(property.getValue(BeanInfoSupport.NOT_OTHER)).as(name + " editable for expressions")
                    .isEqualTo(Boolean.FALSE);
        }
    }

    @ParameterizedTest
    @MethodSource("elements")
    void theBundleHasNoKeyThatNothingUses(Class<? extends TestBean> element) throws Exception {
        BeanInfo info = Introspector.getBeanInfo(element);
        ResourceBundle bundle = (ResourceBundle) info.getBeanDescriptor().getValue(BeanInfoSupport.RESOURCE_BUNDLE);
        Set<String> used = new HashSet<>(Set.of("displayName"));
        for (PropertyDescriptor property : shown(info)) {
            used.add(property.getName() + ".displayName");
            used.add(property.getName() + ".shortDescription");
            used.add(property.getValue(GenericTestBeanCustomizer.GROUP) + ".displayName");
            String[] tags = (String[]) property.getValue(BeanInfoSupport.TAGS);
            if (tags != null) {
                used.addAll(Arrays.asList(tags));
            }
        }
        assertThat(bundle.keySet()).as("keys of " + element.getSimpleName() + "Resources").isSubsetOf(used);
    }
}
