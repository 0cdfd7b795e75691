package dev.cvkit.sandbox.cli;

import dev.cvkit.sandbox.chaos.EmulatorTiming;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --chaos-timing}: a usage error (exit 2) naming what was expected when the value is wrong. */
final class ChaosTimingConverter implements ITypeConverter<EmulatorTiming> {

    @Override
    public EmulatorTiming convert(String value) {
        try {
            return EmulatorTiming.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
