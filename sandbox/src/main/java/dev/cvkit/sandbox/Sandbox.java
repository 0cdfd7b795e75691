package dev.cvkit.sandbox;

import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.EmulatorTiming;
import dev.cvkit.sandbox.chaos.InvalidExperimentException;
import dev.cvkit.sandbox.shop.ContosoShoes;
import dev.cvkit.sandbox.tls.SelfSignedTls;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole local sandbox: the Contoso Shoes shop and the Chaos Studio emulator wired to it (the shop is the
 * emulator's fault target), with the experiments of a directory deployed. What {@code ./cvkit sandbox}
 * runs in the foreground and {@code ./cvkit demo} runs around a test.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.builder().experimentsDirectory(dir).build()) {
 *     EmbeddedJMeter.builder().properties(sandbox.jmeterProperties())...;
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    /** JMeter property: the shop's public URL (the front door), for HTTP Request Defaults. */
    public static final String TARGET_URL_PROPERTY = "target.url";
    /** JMeter property: the Chaos Studio (ARM) endpoint, for the cvkit elements' {@code endpoint} field. */
    public static final String CHAOS_ENDPOINT_PROPERTY = "chaos.endpoint";
    /** JMeter property prefix: {@code chaos.experiment.<name>} = the experiment's ARM resource id. */
    public static final String EXPERIMENT_PROPERTY_PREFIX = "chaos.experiment.";
    /** JMeter property the cvkit plugins read for a trust store of the Chaos Studio endpoint. */
    public static final String TRUST_STORE_PROPERTY = "cvkit.chaos.trustStore";
    /** JMeter property the cvkit plugins read for that trust store's password. */
    public static final String TRUST_STORE_PASSWORD_PROPERTY = "cvkit.chaos.trustStorePassword";

    private final ContosoShoes shop;
    private final ChaosStudioEmulator chaos;

    private Sandbox(Builder builder) throws InvalidExperimentException {
        shop = builder.shop.build();
        try {
            ChaosStudioEmulator.Builder emulator = ChaosStudioEmulator.builder().faultTarget(shop).port(builder.chaosPort)
                    .identityPort(builder.identityPort).imdsPort(builder.imdsPort).timing(builder.chaosTiming);
            if (builder.identityHeader != null) {
                emulator.identityHeader(builder.identityHeader);
            }
            if (builder.tlsDirectory != null) {
                emulator.tls(SelfSignedTls.generate(builder.tlsDirectory));
            }
            chaos = emulator.build();
            try {
                if (builder.experimentsDirectory != null) {
                    chaos.loadExperiments(builder.experimentsDirectory);
                }
            } catch (InvalidExperimentException | RuntimeException e) {
                chaos.close();
                throw e;
            }
        } catch (InvalidExperimentException | RuntimeException e) {
            shop.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public ContosoShoes shop() {
        return shop;
    }

    public ChaosStudioEmulator chaos() {
        return chaos;
    }

    /**
     * The JMeter properties ({@code -J}) a plan needs to run against this sandbox: {@value #TARGET_URL_PROPERTY},
     * {@value #CHAOS_ENDPOINT_PROPERTY}, {@value #TRUST_STORE_PROPERTY}, {@value #TRUST_STORE_PASSWORD_PROPERTY}
     * and {@code chaos.experiment.<name>} for each deployed experiment. The managed identity comes from the
     * environment ({@link ChaosStudioEmulator#imdsEnvironment()}, as on Azure Load Testing, or
     * {@link ChaosStudioEmulator#identityEnvironment()}), not from properties.
     */
    public Map<String, String> jmeterProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TARGET_URL_PROPERTY, shop.frontDoorUrl().toString());
        properties.put(CHAOS_ENDPOINT_PROPERTY, chaos.endpoint().toString());
        properties.put(TRUST_STORE_PROPERTY, chaos.trustStorePath().toString());
        properties.put(TRUST_STORE_PASSWORD_PROPERTY, chaos.trustStorePassword());
        for (String name : chaos.experimentNames()) {
            properties.put(EXPERIMENT_PROPERTY_PREFIX + name, chaos.experimentResourceId(name));
        }
        return properties;
    }

    /** Experiment names deployed, sorted. */
    public List<String> experimentNames() {
        return chaos.experimentNames();
    }

    /** Stops the emulator first (ending every running fault), then the shop. */
    @Override
    public void close() {
        try {
            chaos.close();
        } finally {
            shop.close();
        }
    }

    /** Configures a {@link Sandbox}. */
    public static final class Builder {

        private final ContosoShoes.Builder shop = ContosoShoes.builder();
        private int chaosPort;
        private int identityPort;
        private int imdsPort;
        private Path experimentsDirectory;
        private Path tlsDirectory;
        private String identityHeader;
        private EmulatorTiming chaosTiming = EmulatorTiming.REALISTIC;

        private Builder() {
        }

        /** How long the emulated Chaos Studio takes (queueing, fault injection and removal); default realistic. */
        public Builder chaosTiming(EmulatorTiming timing) {
            this.chaosTiming = Objects.requireNonNull(timing, "timing");
            return this;
        }

        /** The shop's settings (ports, delays, probes). */
        public ContosoShoes.Builder shop() {
            return shop;
        }

        /** Chaos Studio emulator HTTPS port; default 0 (ephemeral). */
        public Builder chaosPort(int port) {
            this.chaosPort = port;
            return this;
        }

        /** App Service managed-identity endpoint port; default 0 (ephemeral). */
        public Builder identityPort(int port) {
            this.identityPort = port;
            return this;
        }

        /** The emulated IMDS's port; default 0 (ephemeral). */
        public Builder imdsPort(int port) {
            this.imdsPort = port;
            return this;
        }

        /** The managed-identity secret ({@code IDENTITY_HEADER}); default random. */
        public Builder identityHeader(String identityHeader) {
            this.identityHeader = Objects.requireNonNull(identityHeader, "identityHeader");
            return this;
        }

        /** Experiments to deploy (every {@code *.json}); default none. */
        public Builder experimentsDirectory(Path directory) {
            this.experimentsDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Where the trust store is written (kept after close); default a temp directory deleted on close. */
        public Builder tlsDirectory(Path directory) {
            this.tlsDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Starts shop and emulator.
         *
         * @throws InvalidExperimentException when an experiment file is invalid (nothing keeps running)
         * @throws UncheckedIOException       when a port cannot be bound (nothing keeps running)
         */
        public Sandbox build() throws InvalidExperimentException {
            return new Sandbox(this);
        }
    }
}
