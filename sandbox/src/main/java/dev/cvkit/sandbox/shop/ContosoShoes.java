package dev.cvkit.sandbox.shop;

import dev.cvkit.sandbox.chaos.ChaosStudioEmulator;
import dev.cvkit.sandbox.chaos.fault.AppliedFault;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.chaos.fault.FaultTarget;
import dev.cvkit.sandbox.chaos.fault.FaultTargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Contoso Shoes demo shop: two stamps ("regions", each its own HTTP server) behind a local front door
 * that routes by health probe and latency, sharing one database. It is the Chaos Studio emulator's
 * {@link FaultTarget}: each stamp is an AKS cluster ({@code aks-contoso-<region>}) with a Chaos Mesh target,
 * and pod failure, network delay and CPU pressure hit its pods, so a fault on one stamp shows at the front
 * door as errors or latency until traffic fails over.
 *
 * <pre>{@code
 * try (ContosoShoes shop = ContosoShoes.builder().build()) {
 *     shop.frontDoorUrl();                   // http://127.0.0.1:<port> — what the test plans call
 *     shop.targetResourceId("eastus");       // the Chaos target id experiments select
 * }
 * }</pre>
 * The API is described on {@code ShopApi}; catalog item ids are {@code shoe-001} .. {@code shoe-024}.
 */
public final class ContosoShoes implements FaultTarget, AutoCloseable {

    /** The regions of the two stamps, in order. */
    public static final List<String> REGIONS = List.of("eastus", "westus");
    /** Chaos target type of the stamps (AKS with Chaos Mesh). */
    public static final String TARGET_TYPE = "Microsoft-AzureKubernetesServiceChaosMesh";

    private static final Pattern AKS_TARGET = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.ContainerService/managedClusters/([^/]+)"
                    + "/providers/Microsoft\\.Chaos/targets/([^/]+)", Pattern.CASE_INSENSITIVE);

    private final ShopDatabase database = new ShopDatabase();
    private final List<Stamp> stamps = new ArrayList<>();
    private final FrontDoor frontDoor;
    private final String subscriptionId;
    private final String resourceGroup;

    private ContosoShoes(Builder builder) throws IOException {
        subscriptionId = builder.subscriptionId;
        resourceGroup = builder.resourceGroup;
        StampSettings settings = new StampSettings(builder.podsPerStamp, builder.endpointRemovalDelay, builder.recoveryDelay,
                builder.commentProcessingDelay, builder.cpuPenaltyMillis);
        try {
            for (int i = 0; i < REGIONS.size(); i++) {
                String region = REGIONS.get(i);
                int port = builder.stampPorts == null ? 0 : builder.stampPorts[i];
                stamps.add(new Stamp(region, "aks-contoso-" + region, port, database, settings));
            }
            frontDoor = new FrontDoor(stamps, builder.frontDoorPort, builder.probeInterval, builder.probeTimeout,
                    builder.probeSampleSize, builder.probeSuccessesRequired, builder.latencySensitivity);
        } catch (IOException | RuntimeException e) {
            stamps.forEach(Stamp::close);
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The front door, {@code http://127.0.0.1:<port>}: the shop's public address. */
    public URI frontDoorUrl() {
        return frontDoor.url();
    }

    /** Both stamps, in {@link #REGIONS} order. */
    public List<Stamp> stamps() {
        return List.copyOf(stamps);
    }

    /** The stamp of a region. */
    public Stamp stamp(String region) {
        for (Stamp stamp : stamps) {
            if (stamp.region().equalsIgnoreCase(region)) {
                return stamp;
            }
        }
        throw new IllegalArgumentException("no stamp in region '" + region + "' (regions: " + REGIONS + ")");
    }

    /** Whether the front door currently counts the stamp as healthy. */
    public boolean frontDoorSeesHealthy(String region) {
        return frontDoor.healthy(stamp(region));
    }

    /** The shared data (catalog, ratings, comments). */
    public ShopDatabase database() {
        return database;
    }

    /**
     * The Chaos Studio target resource id of a stamp's AKS cluster, in this shop's subscription and group,
     * e.g. {@code /subscriptions/.../managedClusters/aks-contoso-eastus/providers/Microsoft.Chaos/targets/Microsoft-AzureKubernetesServiceChaosMesh}.
     */
    public String targetResourceId(String region) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.ContainerService/managedClusters/" + stamp(region).clusterName()
                + "/providers/Microsoft.Chaos/targets/" + TARGET_TYPE;
    }

    /**
     * A target id names a stamp when it is an AKS Chaos Mesh target whose cluster name is the stamp's; the
     * subscription and resource group are not compared, so experiment files written for a real subscription
     * run against the sandbox unchanged.
     */
    private Stamp stampFor(String targetResourceId) {
        Matcher m = AKS_TARGET.matcher(targetResourceId);
        if (!m.matches() || !m.group(2).equalsIgnoreCase(TARGET_TYPE)) {
            return null;
        }
        for (Stamp stamp : stamps) {
            if (stamp.clusterName().equalsIgnoreCase(m.group(1))) {
                return stamp;
            }
        }
        return null;
    }

    @Override
    public boolean resolves(String targetResourceId) {
        return stampFor(targetResourceId) != null;
    }

    @Override
    public AppliedFault apply(FaultRequest request) throws FaultTargetException {
        Stamp stamp = stampFor(request.targetResourceId());
        if (stamp == null) {
            throw new FaultTargetException("TargetNotFound", "no stamp of the sandbox shop has AKS cluster "
                    + request.targetResourceId().toLowerCase(Locale.ROOT) + " (clusters: aks-contoso-eastus, aks-contoso-westus)");
        }
        return stamp.apply(request.fault());
    }

    /** Stops the front door and both stamps. */
    @Override
    public void close() {
        frontDoor.close();
        stamps.forEach(Stamp::close);
    }

    /** Configures a {@link ContosoShoes}. Defaults suit a demo; tests shorten the delays. */
    public static final class Builder {

        private int frontDoorPort;
        private int[] stampPorts;
        private int podsPerStamp = 3;
        private Duration endpointRemovalDelay = Duration.ofSeconds(1);
        private Duration recoveryDelay = Duration.ofSeconds(1);
        private Duration commentProcessingDelay = Duration.ofMillis(300);
        private long cpuPenaltyMillis = 50;
        private Duration probeInterval = Duration.ofSeconds(1);
        private Duration probeTimeout = Duration.ofSeconds(2);
        private int probeSampleSize = 4;
        private int probeSuccessesRequired = 3;
        private Duration latencySensitivity = Duration.ofMillis(50);
        private String subscriptionId = ChaosStudioEmulator.DEFAULT_SUBSCRIPTION_ID;
        private String resourceGroup = ChaosStudioEmulator.DEFAULT_RESOURCE_GROUP;

        private Builder() {
        }

        /** Front door port on 127.0.0.1; default 0 (ephemeral). */
        public Builder frontDoorPort(int port) {
            this.frontDoorPort = port;
            return this;
        }

        /** Ports of the eastus and westus stamps; default ephemeral. */
        public Builder stampPorts(int eastus, int westus) {
            this.stampPorts = new int[] {eastus, westus};
            return this;
        }

        /** Pods per stamp; default 3. */
        public Builder podsPerStamp(int pods) {
            if (pods < 1) {
                throw new IllegalArgumentException("podsPerStamp must be at least 1, got " + pods);
            }
            this.podsPerStamp = pods;
            return this;
        }

        /** How long a failed pod still gets traffic (answering 502) before the service drops it; default 1 s. */
        public Builder endpointRemovalDelay(Duration delay) {
            this.endpointRemovalDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** How long a recovered pod waits before it gets traffic again; default 1 s. */
        public Builder recoveryDelay(Duration delay) {
            this.recoveryDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** Time from posting a comment to its visibility; default 300 ms. */
        public Builder commentProcessingDelay(Duration delay) {
            this.commentProcessingDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** Extra ms per request per full CPU-stress worker on a pod; default 50 (2 workers at 80 % add 80 ms). */
        public Builder cpuPenaltyMillis(long millis) {
            this.cpuPenaltyMillis = millis;
            return this;
        }

        /** Front-door health probe interval; default 1 s. */
        public Builder probeInterval(Duration interval) {
            this.probeInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Front-door probe timeout (a slower probe fails); default 2 s. */
        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Healthy = at least {@code successesRequired} of the last {@code sampleSize} probes succeeded; default 3 of 4. */
        public Builder probeSamples(int sampleSize, int successesRequired) {
            if (sampleSize < 1 || successesRequired < 1 || successesRequired > sampleSize) {
                throw new IllegalArgumentException("need 1 <= successesRequired <= sampleSize, got " + successesRequired + " of " + sampleSize);
            }
            this.probeSampleSize = sampleSize;
            this.probeSuccessesRequired = successesRequired;
            return this;
        }

        /** Origins whose probe latency is within this of the fastest share the traffic; default 50 ms. */
        public Builder latencySensitivity(Duration sensitivity) {
            this.latencySensitivity = Objects.requireNonNull(sensitivity, "sensitivity");
            return this;
        }

        /** Subscription and group of {@link #targetResourceId}; default the emulator's defaults. */
        public Builder azureScope(String subscriptionId, String resourceGroup) {
            this.subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId");
            this.resourceGroup = Objects.requireNonNull(resourceGroup, "resourceGroup");
            return this;
        }

        /** Starts the shop. */
        public ContosoShoes build() {
            try {
                return new ContosoShoes(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Contoso Shoes shop: " + e.getMessage(), e);
            }
        }
    }
}
