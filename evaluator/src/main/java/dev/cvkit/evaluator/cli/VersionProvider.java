package dev.cvkit.evaluator.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar's manifest; "development" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CvkitMain.class.getPackage().getImplementationVersion();
        return new String[] {"cvkit " + (version == null ? "development build" : version)};
    }
}
