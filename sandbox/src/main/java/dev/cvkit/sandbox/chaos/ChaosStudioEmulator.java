package dev.cvkit.sandbox.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cvkit.sandbox.chaos.fault.FaultRequest;
import dev.cvkit.sandbox.chaos.fault.FaultTarget;
import dev.cvkit.sandbox.chaos.fault.RecordingFaultTarget;
import dev.cvkit.sandbox.chaos.implementation.Execution;
import dev.cvkit.sandbox.chaos.implementation.ExecutionEngine;
import dev.cvkit.sandbox.chaos.implementation.ExperimentDefinition;
import dev.cvkit.sandbox.chaos.implementation.ExperimentParser;
import dev.cvkit.sandbox.http.DaemonThreads;
import dev.cvkit.sandbox.http.Json;
import dev.cvkit.sandbox.http.LoopbackServers;
import dev.cvkit.sandbox.tls.SelfSignedTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A local stand-in for Azure Chaos Studio's control plane (Microsoft.Chaos, api-version
 * {@value #API_VERSION}) on loopback HTTPS, with a managed-identity token endpoint, so that the cvkit
 * plugins (azure-core's HTTP pipeline, ARM bearer-token policy, LRO poller, azure-identity's
 * {@code ManagedIdentityCredential}) run against it unchanged.
 *
 * <p>Served, with the paths and response shapes of the REST spec:
 * <ul>
 *   <li>{@code GET|PUT /subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Chaos/experiments/{name}}</li>
 *   <li>{@code POST .../experiments/{name}/start} and {@code .../cancel}: long-running, {@code 202} with
 *       {@code Azure-AsyncOperation}, {@code Location} and {@code Retry-After}; a start while an execution
 *       has not ended answers {@code 409 Conflict}</li>
 *   <li>{@code GET .../experiments/{name}/executions} (paged with {@code nextLink}),
 *       {@code GET .../executions/{id}}, {@code POST .../executions/{id}/getExecutionDetails}</li>
 *   <li>{@code GET /subscriptions/{s}/providers/Microsoft.Chaos/locations/{l}/operationStatuses/{id}}
 *       ({@code InProgress} → {@code Succeeded}) and {@code .../operationResults/{id}}</li>
 * </ul>
 * Every ARM request needs {@code Authorization: Bearer <token>} with a token this emulator issued
 * ({@link #identityEnvironment()} or {@link #issueAccessToken()}), else {@code 401} with
 * {@code WWW-Authenticate}; an api-version other than {@value #API_VERSION} answers {@code 400}. Errors
 * have ARM's shape {@code {"error":{"code","message"}}}.
 *
 * <p>Experiments are Chaos Studio JSON (see {@link ExperimentParser}); executions run their steps for
 * real against a {@link FaultTarget} (the demo shop, or a {@link RecordingFaultTarget} by default), end by
 * themselves, and can be cancelled; queueing, fault injection and removal take the time an {@link EmulatorTiming}
 * says (seconds by default, as in Azure). For tests:
 * {@link #knobs()} (429/500/409/401/delay on the next calls), {@link #journal()}, {@link #counters()}.
 *
 * <p>Build with {@link #builder()}; the servers run from {@link Builder#build()} until {@link #close()}.
 * Thread-safe.
 */
public final class ChaosStudioEmulator implements AutoCloseable {

    /** The Microsoft.Chaos api-version served; requests with any other answer 400. */
    public static final String API_VERSION = "2025-01-01";
    /** Subscription of experiments loaded without an {@code id}. */
    public static final String DEFAULT_SUBSCRIPTION_ID = "5a2d0b3c-7e41-4c69-9d2f-0c1e5f7a8b90";
    /** Resource group of experiments loaded without an {@code id}. */
    public static final String DEFAULT_RESOURCE_GROUP = "rg-contoso-shoes";
    /** The resource ARM tokens are issued for ({@code .default} scope of azure-core's ARM policies). */
    public static final String ARM_RESOURCE = "https://management.azure.com";
    /** The variable azure-identity and MSAL4J read for the IMDS host (default {@code http://169.254.169.254}). */
    public static final String IMDS_HOST_VARIABLE = "AZURE_POD_IDENTITY_AUTHORITY_HOST";
    /**
     * Variables of other managed-identity hosts (App Service, Service Fabric, Azure Arc, Cloud Shell): when any is set,
     * MSAL4J picks that host's source before IMDS.
     */
    public static final List<String> OTHER_IDENTITY_VARIABLES = List.of("IDENTITY_ENDPOINT", "IDENTITY_HEADER",
            "IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET");

    private final SelfSignedTls tls;
    private final Path ownedTlsDirectory;
    private final HttpsServer armServer;
    private final HttpServer identityServer;
    private final HttpServer imdsServer;
    private final ExecutorService armThreads;
    private final ExecutorService identityThreads;
    private final ManagedIdentities identities;
    private final EmulatorState state;
    private final String identityHeader;
    private final String defaultSubscriptionId;
    private final String defaultResourceGroup;
    private final EmulatorTiming timing;

    private ChaosStudioEmulator(Builder builder) throws IOException {
        timing = builder.timing;
        defaultSubscriptionId = builder.defaultSubscriptionId;
        defaultResourceGroup = builder.defaultResourceGroup;
        ExecutionEngine engine = new ExecutionEngine(builder.faultTarget, builder.timing);
        state = new EmulatorState(engine, new TokenIssuer(builder.tokenLifetime), builder.retryAfter, builder.provisioningLatency,
                builder.executionsPageSize);
        // Experiments first: a bad file must fail the build before any port is bound or file written.
        try {
            for (Map.Entry<String, JsonNode> experiment : builder.experiments.entrySet()) {
                putExperiment(experiment.getKey(), experiment.getValue());
            }
            for (Path directory : builder.experimentDirectories) {
                loadExperiments(directory);
            }
        } catch (InvalidExperimentException e) {
            engine.close();
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (builder.identityHeader != null) {
            identityHeader = builder.identityHeader;
        } else {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            identityHeader = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        }

        if (builder.tls != null) {
            tls = builder.tls;
            ownedTlsDirectory = null;
        } else {
            ownedTlsDirectory = Files.createTempDirectory("cvkit-chaos-tls");
            tls = SelfSignedTls.generate(ownedTlsDirectory);
        }
        armServer = LoopbackServers.https(builder.port, 64);
        armServer.setHttpsConfigurator(new HttpsConfigurator(tls.serverSslContext()));
        armThreads = Executors.newFixedThreadPool(8, new DaemonThreads("cvkit-chaos-arm"));
        armServer.setExecutor(armThreads);
        armServer.createContext("/", new ArmHandler(state, this::baseUri));
        armServer.start();

        identities = new ManagedIdentities(builder.systemAssignedIdentity ? IdentityHandler.CLIENT_ID : null,
                builder.userAssignedIdentities, defaultSubscriptionId, defaultResourceGroup);
        identityThreads = Executors.newFixedThreadPool(2, new DaemonThreads("cvkit-chaos-identity"));
        HttpServer appService = null;
        try {
            appService = LoopbackServers.http(builder.identityPort, 16);
            imdsServer = LoopbackServers.http(builder.imdsPort, 16);
        } catch (IOException e) {
            if (appService != null) {
                appService.stop(0);
            }
            armServer.stop(0);
            armThreads.shutdownNow();
            identityThreads.shutdownNow();
            engine.close();
            deleteOwnedTls();
            throw e;
        }
        identityServer = appService;
        identityServer.setExecutor(identityThreads);
        identityServer.createContext("/", new IdentityHandler(state, identityHeader));
        identityServer.start();
        imdsServer.setExecutor(identityThreads);
        imdsServer.createContext("/", new ImdsHandler(state, identities));
        imdsServer.start();
    }

    /** A builder with the defaults documented on each of its methods. */
    public static Builder builder() {
        return new Builder();
    }

    private String baseUri() {
        return "https://127.0.0.1:" + armServer.getAddress().getPort();
    }

    // ---- addresses and credentials ----

    /** The ARM endpoint, {@code https://127.0.0.1:<port>} (use it as the ARM host of an azure-core client). */
    public URI endpoint() {
        return URI.create(baseUri());
    }

    /** How long executions take to start, apply and remove faults, and cancel. */
    public EmulatorTiming timing() {
        return timing;
    }

    /** The TLS identity the endpoint presents. */
    public SelfSignedTls tls() {
        return tls;
    }

    /** PKCS12 trust store holding the endpoint's certificate. */
    public Path trustStorePath() {
        return tls.trustStorePath();
    }

    /** Password of {@link #trustStorePath()}. */
    public String trustStorePassword() {
        return tls.trustStorePassword();
    }

    /**
     * The managed-identity token endpoint, {@code http://127.0.0.1:<port>/msi/token} (plain HTTP on loopback,
     * as App Service's own {@code IDENTITY_ENDPOINT} is).
     */
    public URI identityEndpoint() {
        return URI.create("http://127.0.0.1:" + identityServer.getAddress().getPort() + IdentityHandler.PATH);
    }

    /**
     * The emulated Instance Metadata Service, {@code http://127.0.0.1:<port>} (plain HTTP on loopback, as IMDS is
     * on {@code http://169.254.169.254}); its token endpoint is {@code /metadata/identity/oauth2/token}. This is how
     * Azure Load Testing engines get their tokens.
     */
    public URI imdsEndpoint() {
        return URI.create("http://127.0.0.1:" + imdsServer.getAddress().getPort());
    }

    /**
     * The environment under which azure-identity's {@code ManagedIdentityCredential} (MSAL4J's IMDS source) fetches
     * tokens from this emulator's IMDS: {@code AZURE_POD_IDENTITY_AUTHORITY_HOST}, which MSAL4J and azure-identity
     * read instead of {@code http://169.254.169.254}. Read with {@code System.getenv} when the client JVM starts;
     * {@code IDENTITY_ENDPOINT} (and the other hosts' variables) must not be set, or their source is picked first.
     */
    public Map<String, String> imdsEnvironment() {
        return Map.of(IMDS_HOST_VARIABLE, imdsEndpoint().toString());
    }

    /** Client id of the system-assigned identity (what a token without {@code client_id} is for), or null when off. */
    public String systemAssignedClientId() {
        return identities.systemAssigned().map(ManagedIdentities.Identity::clientId).orElse(null);
    }

    /** The secret a token request must send as {@code X-IDENTITY-HEADER}. */
    public String identityHeader() {
        return identityHeader;
    }

    /**
     * The environment under which azure-identity's {@code ManagedIdentityCredential} (MSAL4J's App Service
     * source) fetches tokens from this emulator: {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}.
     * MSAL4J reads them with {@code System.getenv}, so they must be set when the client JVM starts (a child
     * process, or the shell of {@code ./cvkit gui}).
     */
    public Map<String, String> identityEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("IDENTITY_ENDPOINT", identityEndpoint().toString());
        environment.put("IDENTITY_HEADER", identityHeader);
        return environment;
    }

    /** A fresh ARM access token (for clients built with a plain {@code TokenCredential} in tests). */
    public String issueAccessToken() {
        return state.tokens.issue(ARM_RESOURCE);
    }

    // ---- experiments ----

    /**
     * Deploys (or replaces) an experiment from Chaos Studio JSON (the PUT body), in the default
     * subscription and resource group; provisioning completes at once.
     *
     * @return the experiment's ARM resource id
     * @throws InvalidExperimentException when the JSON is not a valid experiment
     * @throws IllegalStateException      when the experiment is running (Chaos Studio refuses the update too)
     */
    public String putExperiment(String name, String json) throws InvalidExperimentException {
        try {
            return putExperiment(name, Json.parse(json));
        } catch (JsonProcessingException e) {
            throw new InvalidExperimentException("experiment '" + name + "': not valid JSON: " + e.getOriginalMessage());
        }
    }

    private String putExperiment(String name, JsonNode json) throws InvalidExperimentException {
        ExperimentDefinition definition = ExperimentParser.parse(json, "experiment '" + name + "'", defaultSubscriptionId,
                defaultResourceGroup, name);
        return deploy(definition);
    }

    private String deploy(ExperimentDefinition definition) {
        try {
            state.deploy(definition, Duration.ZERO);
        } catch (ArmError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return definition.resourceId();
    }

    /**
     * Deploys every {@code *.json} file of a directory (not recursive), in name order. A file is the PUT body
     * of one experiment; it is placed by its {@code id} when it has one, else named by its {@code name} field
     * or its file name without {@code .json}, in the default subscription and group. All files are checked
     * before any is deployed.
     *
     * @return the ARM resource ids deployed, in file order
     * @throws InvalidExperimentException listing every file that is not a valid experiment
     */
    public List<String> loadExperiments(Path directory) throws InvalidExperimentException {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new InvalidExperimentException(directory + ": not a directory of experiment JSON files");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        List<ExperimentDefinition> definitions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String stem = fileName.substring(0, fileName.length() - ".json".length());
            try {
                JsonNode json = Json.parse(Files.readString(file));
                definitions.add(ExperimentParser.parseFile(json, file.toString(), stem, defaultSubscriptionId, defaultResourceGroup));
            } catch (JsonProcessingException e) {
                problems.add(file + ": line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                        + ": not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                problems.add(file + ": cannot read: " + e.getMessage());
            } catch (InvalidExperimentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidExperimentException(String.join("\n", problems));
        }
        return definitions.stream().map(this::deploy).toList();
    }

    /** The ARM resource id of a deployed experiment (name compared case-insensitively). */
    public String experimentResourceId(String name) {
        return entry(name).definition().resourceId();
    }

    /** Names of the deployed experiments, sorted. */
    public List<String> experimentNames() {
        return state.allExperiments().stream().map(e -> e.definition().name()).sorted().toList();
    }

    private ExperimentEntry entry(String name) {
        List<ExperimentEntry> found = state.experimentsNamed(name);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no experiment named '" + name + "' is deployed (deployed: " + experimentNames() + ")");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException("experiment name '" + name + "' is deployed in several resource groups");
        }
        return found.get(0);
    }

    /**
     * Adds an execution from before the emulator started (for history and paging tests): no run information,
     * no faults. {@code status} is stored as given (any case).
     */
    public void addHistoricExecution(String experimentName, String executionId, String status, Instant startedAt,
            Instant stoppedAt) {
        ExperimentEntry entry = entry(experimentName);
        entry.add(Execution.historic(executionId, entry.definition(), status, startedAt, stoppedAt, null));
    }

    // ---- executions ----

    /** Executions of an experiment, newest first (what the executions list returns). */
    public List<ExecutionSnapshot> executions(String experimentName) {
        return entry(experimentName).executions().stream().map(Execution::snapshot).toList();
    }

    /** The execution with this id (any case), or null. */
    public ExecutionSnapshot execution(String executionId) {
        for (Execution execution : state.allExecutions()) {
            if (execution.id().equalsIgnoreCase(executionId)) {
                return execution.snapshot();
            }
        }
        return null;
    }

    /**
     * Waits until the execution's status satisfies {@code condition}.
     *
     * @return the snapshot that satisfied it
     * @throws TimeoutException when it did not within {@code timeout}
     */
    public ExecutionSnapshot awaitExecution(String executionId, Predicate<ExecutionSnapshot> condition, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ExecutionSnapshot snapshot = execution(executionId);
            if (snapshot != null && condition.test(snapshot)) {
                return snapshot;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("execution " + executionId + " did not reach the expected state within " + timeout
                        + "; last seen: " + snapshot);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Faults applied by executions right now. */
    public List<FaultRequest> activeFaults() {
        return state.engine.activeFaults();
    }

    // ---- test controls ----

    /** Fault knobs: make the next calls of an operation fail or slow down. */
    public FaultKnobs knobs() {
        return state.knobs;
    }

    /** Every request answered (method, path, operation, status, time), never headers or tokens. */
    public RequestJournal journal() {
        return state.journal;
    }

    /** Counts of starts, cancels, executions and tokens since the emulator started. */
    public EmulatorCounters counters() {
        return new EmulatorCounters(state.startCalls.get(), state.startsAccepted.get(), state.cancelCalls.get(),
                state.cancelsAccepted.get(), state.executionsCancelled.get(), state.executionsCreated.get(),
                state.tokens.issuedCount());
    }

    /**
     * Cancels every running execution (their faults are removed), stops both servers and their threads, and
     * deletes the trust store when the emulator generated it.
     */
    @Override
    public void close() {
        state.engine.close();
        armServer.stop(0);
        identityServer.stop(0);
        imdsServer.stop(0);
        armThreads.shutdownNow();
        identityThreads.shutdownNow();
        deleteOwnedTls();
    }

    private void deleteOwnedTls() {
        if (ownedTlsDirectory != null) {
            try (Stream<Path> files = Files.list(ownedTlsDirectory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(ownedTlsDirectory);
            } catch (IOException e) {
                // A leftover public certificate in the temp directory harms nothing.
            }
        }
    }

    @Override
    public String toString() {
        return "ChaosStudioEmulator[" + baseUri() + ", identity " + identityEndpoint() + ", IMDS " + imdsEndpoint() + "]";
    }

    /** Configures and starts a {@link ChaosStudioEmulator}. */
    public static final class Builder {

        private int port;
        private int identityPort;
        private int imdsPort;
        private boolean systemAssignedIdentity = true;
        private final List<String> userAssignedIdentities = new ArrayList<>();
        private SelfSignedTls tls;
        private FaultTarget faultTarget = new RecordingFaultTarget();
        private final Map<String, JsonNode> experiments = new LinkedHashMap<>();
        private final List<Path> experimentDirectories = new ArrayList<>();
        private String defaultSubscriptionId = DEFAULT_SUBSCRIPTION_ID;
        private String defaultResourceGroup = DEFAULT_RESOURCE_GROUP;
        private EmulatorTiming timing = EmulatorTiming.REALISTIC;
        private Duration provisioningLatency = Duration.ZERO;
        private Duration retryAfter = Duration.ofSeconds(1);
        private Duration tokenLifetime = Duration.ofHours(1);
        private int executionsPageSize = 10;
        private String identityHeader;

        private Builder() {
        }

        /** ARM HTTPS port on 127.0.0.1; default 0 (an ephemeral port, see {@link #endpoint()}). */
        public Builder port(int port) {
            this.port = requirePort(port, "port");
            return this;
        }

        /** Managed-identity HTTP port on 127.0.0.1; default 0 (ephemeral). */
        public Builder identityPort(int identityPort) {
            this.identityPort = requirePort(identityPort, "identityPort");
            return this;
        }

        /** IMDS HTTP port on 127.0.0.1; default 0 (ephemeral, see {@link #imdsEndpoint()}). */
        public Builder imdsPort(int imdsPort) {
            this.imdsPort = requirePort(imdsPort, "imdsPort");
            return this;
        }

        /**
         * Whether the host has a system-assigned identity (default true). Without it, and without user-assigned ones,
         * IMDS answers every token request with {@code 400 Identity not found}.
         */
        public Builder systemAssignedIdentity(boolean attached) {
            this.systemAssignedIdentity = attached;
            return this;
        }

        /** Attaches a user-assigned identity with this client id (IMDS: {@code client_id=...}). */
        public Builder userAssignedIdentity(String clientId) {
            Objects.requireNonNull(clientId, "clientId");
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank");
            }
            userAssignedIdentities.add(clientId.trim());
            return this;
        }

        private static int requirePort(int port, String name) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be within 0..65535, got " + port);
            }
            return port;
        }

        /**
         * The secret the token endpoint expects as {@code X-IDENTITY-HEADER}; default a random one. Giving it
         * (with {@link #identityPort}) lets a launcher export {@code IDENTITY_ENDPOINT}/{@code IDENTITY_HEADER}
         * before the JVM that hosts both the emulator and an azure-identity client starts.
         */
        public Builder identityHeader(String identityHeader) {
            Objects.requireNonNull(identityHeader, "identityHeader");
            if (identityHeader.isBlank()) {
                throw new IllegalArgumentException("identityHeader must not be blank");
            }
            this.identityHeader = identityHeader;
            return this;
        }

        /** TLS identity to present; default a fresh one in a temp directory deleted on close. */
        public Builder tls(SelfSignedTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** What faults are applied to; default a {@link RecordingFaultTarget} that accepts every target. */
        public Builder faultTarget(FaultTarget faultTarget) {
            this.faultTarget = Objects.requireNonNull(faultTarget, "faultTarget");
            return this;
        }

        /** An experiment to deploy at start (Chaos Studio JSON, the PUT body), in the default group. */
        public Builder experiment(String name, String json) {
            Objects.requireNonNull(name, "name");
            try {
                experiments.put(name, Json.parse(json));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("experiment '" + name + "': not valid JSON: " + e.getOriginalMessage(), e);
            }
            return this;
        }

        /** A directory whose {@code *.json} experiments are deployed at start (see {@link #loadExperiments}). */
        public Builder experimentsDirectory(Path directory) {
            experimentDirectories.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** Subscription of experiments given without an {@code id}; default {@value #DEFAULT_SUBSCRIPTION_ID}. */
        public Builder defaultSubscriptionId(String subscriptionId) {
            if (!subscriptionId.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
                throw new IllegalArgumentException("subscriptionId must be a GUID, got '" + subscriptionId + "'");
            }
            this.defaultSubscriptionId = subscriptionId;
            return this;
        }

        /** Resource group of experiments given without an {@code id}; default {@value #DEFAULT_RESOURCE_GROUP}. */
        public Builder defaultResourceGroup(String resourceGroup) {
            this.defaultResourceGroup = Objects.requireNonNull(resourceGroup, "resourceGroup");
            return this;
        }

        /**
         * How long queueing, fault injection, fault removal and cancelling take; default
         * {@link EmulatorTiming#REALISTIC} (use {@link EmulatorTiming#FAST} in unit tests). Replaces every latency
         * set before; the latency setters below change this timing.
         */
        public Builder timing(EmulatorTiming timing) {
            this.timing = Objects.requireNonNull(timing, "timing");
            return this;
        }

        /** Time an execution spends queued (PreProcessingQueued, then WaitingToStart, half each) before Running. */
        public Builder startupLatency(Duration startupLatency) {
            this.timing = timing.withStartupLatency(startupLatency);
            return this;
        }

        /** Time from an action's start until its fault acts. */
        public Builder injectionLag(Duration injectionLag) {
            this.timing = timing.withInjectionLag(injectionLag);
            return this;
        }

        /** Time from the end of an action's duration, or an accepted cancel, until its fault is removed. */
        public Builder removalLag(Duration removalLag) {
            this.timing = timing.withRemovalLag(removalLag);
            return this;
        }

        /** Time from an accepted cancel to Cancelled (never before the faults are removed). */
        public Builder cancelLatency(Duration cancelLatency) {
            this.timing = timing.withCancelLatency(cancelLatency);
            return this;
        }

        /** Time a PUT's provisioning operation reports Creating/Updating; default 0. */
        public Builder provisioningLatency(Duration provisioningLatency) {
            this.provisioningLatency = notNegative(provisioningLatency, "provisioningLatency");
            return this;
        }

        /** {@code Retry-After} of LRO answers, rounded up to whole seconds; default 1 s. */
        public Builder retryAfter(Duration retryAfter) {
            this.retryAfter = notNegative(retryAfter, "retryAfter");
            return this;
        }

        /** Lifetime of issued tokens; default 1 h. */
        public Builder tokenLifetime(Duration tokenLifetime) {
            this.tokenLifetime = notNegative(tokenLifetime, "tokenLifetime");
            return this;
        }

        /** Executions per page of the executions list; default 10. */
        public Builder executionsPageSize(int executionsPageSize) {
            if (executionsPageSize < 1) {
                throw new IllegalArgumentException("executionsPageSize must be at least 1, got " + executionsPageSize);
            }
            this.executionsPageSize = executionsPageSize;
            return this;
        }

        private static Duration notNegative(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + duration);
            }
            return duration;
        }

        /**
         * Starts the emulator.
         *
         * @throws IllegalArgumentException when a given experiment is invalid (message names file and JSON path)
         * @throws UncheckedIOException     when a port cannot be bound
         */
        public ChaosStudioEmulator build() {
            try {
                return new ChaosStudioEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Chaos Studio emulator: " + e.getMessage(), e);
            }
        }
    }
}
