package dev.cvkit.jmeter.fault;

import static dev.cvkit.jmeter.testing.Routes.execution;
import static dev.cvkit.jmeter.testing.Routes.listing;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import dev.cvkit.jmeter.chaos.ChaosStudioClient;
import dev.cvkit.jmeter.chaos.ChaosStudioClientBuilder;
import dev.cvkit.jmeter.chaos.ExperimentId;
import dev.cvkit.jmeter.testing.FakeResponse;
import dev.cvkit.jmeter.testing.Routes;
import dev.cvkit.jmeter.testing.ScriptedHttpClient;
import dev.cvkit.jmeter.testing.StaticToken;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The window instants a start and an end carry: the service's record of its fault actions (delays left out),
 * converted from the service's clock (here 7 s ahead of the engine's) with the bounds learned from the
 * answers' {@code Date} headers; the element's own instants when the record or the clock is not known.
 */
class FaultWindowTest {

    private static final ExperimentId EXPERIMENT = ExperimentId.of("sub", "rg", "exp");
    /** The service's clock runs this far ahead of the engine's. */
    private static final long SKEW = 7_000;
    private static final String DELAY_URN = "urn:csci:microsoft:chaosStudio:TimedDelay/1.0";
    private static final String FAULT_URN = "urn:csci:microsoft:azureKubernetesServiceChaosMesh:podChaos/2.2";
    private static final String DEFINITION = "{\"name\":\"exp\",\"properties\":{\"steps\":[{\"name\":\"s\",\"branches\":"
            + "[{\"name\":\"b\",\"actions\":[{\"name\":\"" + DELAY_URN + "\",\"type\":\"delay\",\"duration\":\"PT10S\"},"
            + "{\"name\":\"" + FAULT_URN + "\",\"type\":\"continuous\",\"duration\":\"PT5M\"}]}]}]}}";
    private static final String DISCRETE = "{\"name\":\"exp\",\"properties\":{\"steps\":[{\"name\":\"s\",\"branches\":"
            + "[{\"name\":\"b\",\"actions\":[{\"name\":\"" + FAULT_URN + "\",\"type\":\"discrete\"}]}]}]}}";

    private final long testStart = System.currentTimeMillis();
    private final AtomicReference<String> definition = new AtomicReference<>(DEFINITION);
    private final AtomicReference<String> executions = new AtomicReference<>(listing());
    private final AtomicReference<String> e1 = new AtomicReference<>();
    private final AtomicReference<String> details = new AtomicReference<>();
    private boolean dated = true;

    private static String service(long engineMillis) {
        return Instant.ofEpochMilli(engineMillis + SKEW).toString();
    }

    /** Every answer dated by the service's clock, in whole seconds as HTTP dates are. */
    private Function<HttpRequest, HttpResponse> dated(Routes routes) {
        return request -> {
            HttpResponse response = routes.apply(request);
            if (dated && response instanceof FakeResponse fake) {
                fake.header("Date", DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
                        .format(Instant.ofEpochMilli(System.currentTimeMillis() + SKEW)));
            }
            return response;
        };
    }

    private FaultSession session() {
        Routes routes = new Routes()
                .on("GET", "/experiments/exp", r -> FakeResponse.json(r, 200, definition.get()))
                .on("GET", "/executions", r -> FakeResponse.json(r, 200, executions.get()))
                .on("GET", "/executions/e1", r -> FakeResponse.json(r, 200, e1.get()))
                .on("POST", "/executions/e1/getExecutionDetails", r -> details.get() == null
                        ? FakeResponse.json(r, 500, "{\"error\":{\"code\":\"Boom\",\"message\":\"unavailable\"}}")
                        : FakeResponse.json(r, 200, details.get()))
                .on("GET", "/operationStatuses/op", r -> FakeResponse.json(r, 200, "{\"status\":\"Succeeded\"}"))
                .on("POST", "/start", r -> {
                    e1Is("Running", null);
                    return FakeResponse.json(r, 202, null).header("Azure-AsyncOperation",
                            "https://chaos.test/operationStatuses/op?api-version=2025-01-01");
                })
                .on("POST", "/cancel", r -> {
                    e1Is("Cancelled", service(System.currentTimeMillis()));
                    return FakeResponse.json(r, 202, null).header("Azure-AsyncOperation",
                            "https://chaos.test/operationStatuses/op?api-version=2025-01-01");
                });
        ChaosStudioClient client = new ChaosStudioClientBuilder().endpoint("https://chaos.test")
                .credential(new StaticToken()).httpClient(new ScriptedHttpClient(dated(routes))).maxRetries(0)
                .pollInterval(Duration.ofMillis(20)).buildClient();
        FaultSettings settings = new FaultSettings(EXPERIMENT, "https://chaos.test", "2025-01-01", CredentialKind.DEFAULT,
                "", "", null, null, Duration.ofSeconds(1), 0, Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(3), false,
                new SafetyLimits(Duration.ofHours(1), null));
        return new FaultSession(settings, client, testStart);
    }

    private void e1Is(String status, String stoppedAt) {
        String started = service(testStart + 5);
        String json = execution("e1;" + status + ";" + started);
        if (stoppedAt != null) {
            json = json.replace("\"startedAt\"", "\"stoppedAt\":\"" + stoppedAt + "\",\"startedAt\"");
        }
        e1.set(json);
        executions.set("{\"value\":[" + json + "]}");
    }

    /** Details of e1: {@code actions} are {@code name;status;startTime or -;endTime or -}, in one branch. */
    private static String details(String status, String stoppedAt, String... actions) {
        StringBuilder json = new StringBuilder("{\"name\":\"e1\",\"properties\":{\"status\":\"" + status + "\"");
        if (stoppedAt != null) {
            json.append(",\"stoppedAt\":\"").append(stoppedAt).append('"');
        }
        json.append(",\"runInformation\":{\"steps\":[{\"stepName\":\"s\",\"branches\":[{\"branchName\":\"b\",\"actions\":[");
        for (int i = 0; i < actions.length; i++) {
            String[] parts = actions[i].split(";");
            json.append(i > 0 ? "," : "").append("{\"actionName\":\"").append(parts[0]).append("\",\"status\":\"")
                    .append(parts[1]).append('"');
            if (!"-".equals(parts[2])) {
                json.append(",\"startTime\":\"").append(parts[2]).append('"');
            }
            if (!"-".equals(parts[3])) {
                json.append(",\"endTime\":\"").append(parts[3]).append('"');
            }
            json.append(",\"targets\":[]}");
        }
        return json.append("]}]}]}}}").toString();
    }

    @Test
    void aStartSeenRunningCarriesTheStartOfTheFirstFaultActionNotOfTheDelayBeforeIt() {
        long delayFrom = testStart - 12_000;
        long faultFrom = testStart - 2_000;
        details.set(details("Running", null, DELAY_URN + ";succeeded;" + service(delayFrom) + ";" + service(faultFrom),
                FAULT_URN + ";running;" + service(faultFrom) + ";-"));
        FaultOutcome outcome = session().start(MarkerSource.SAMPLER);

        assertThat(outcome.success()).as(String.valueOf(outcome.failureMessage())).isTrue();
        WindowInstants window = outcome.window();
        assertThat(window.source()).isEqualTo(WindowInstants.Source.SERVICE);
        assertThat(window.toMillis()).isNull();
        // Back on the engine's clock, never later than the service's record, widened by at most the bounds.
        assertThat(window.fromMillis()).isBetween(faultFrom - 1_100, faultFrom);
        assertThat(window.clockOffset().lowerMillis()).isLessThanOrEqualTo(SKEW);
        assertThat(window.clockOffset().upperMillis()).isGreaterThanOrEqualTo(SKEW);
    }

    @Test
    void aStartDuringTheDelayCarriesWhenTheElementBeganToAct() {
        details.set(details("Running", null, DELAY_URN + ";running;" + service(testStart) + ";-",
                FAULT_URN + ";pending;-;-"));
        FaultOutcome outcome = session().start(MarkerSource.SAMPLER);

        assertThat(outcome.window()).isEqualTo(WindowInstants.fallbackFrom(outcome.timeStampMillis()));
    }

    @Test
    void withoutADateHeaderTheServicesInstantsAreNotUsed() {
        dated = false;
        details.set(details("Running", null, FAULT_URN + ";running;" + service(testStart) + ";-"));
        FaultOutcome outcome = session().start(MarkerSource.SAMPLER);

        assertThat(outcome.window()).isEqualTo(WindowInstants.fallbackFrom(outcome.timeStampMillis()));
    }

    @Test
    void anEndCarriesTheWholeWindowAsTheServiceRanIt() {
        long faultFrom = testStart + 10;
        details.set(details("Running", null, DELAY_URN + ";running;" + service(testStart) + ";-",
                FAULT_URN + ";pending;-;-"));
        FaultSession session = session();
        assertThat(session.start(MarkerSource.SAMPLER).success()).isTrue();
        long faultTo = System.currentTimeMillis();
        details.set(details("Cancelled", service(faultTo + 400),
                DELAY_URN + ";succeeded;" + service(testStart) + ";" + service(faultFrom),
                FAULT_URN + ";cancelled;" + service(faultFrom) + ";" + service(faultTo)));
        FaultOutcome end = session.stop(MarkerSource.SAMPLER);

        assertThat(end.success()).as(String.valueOf(end.failureMessage())).isTrue();
        assertThat(end.window().source()).isEqualTo(WindowInstants.Source.SERVICE);
        assertThat(end.window().fromMillis()).isBetween(faultFrom - 1_100, faultFrom);
        // The action's end, not the execution's stop 400 ms later.
        assertThat(end.window().toMillis()).isBetween(faultTo, faultTo + 1_100).isLessThan(faultTo + 400 + 1_000);
    }

    @Test
    void aDiscreteFaultLastsUntilTheExecutionStopped() {
        definition.set(DISCRETE);
        details.set(details("Running", null, FAULT_URN + ";succeeded;" + service(testStart) + ";" + service(testStart)));
        FaultSession session = session();
        assertThat(session.start(MarkerSource.SAMPLER).success()).isTrue();
        long stopped = System.currentTimeMillis() + 3_000;
        details.set(details("Cancelled", service(stopped),
                FAULT_URN + ";succeeded;" + service(testStart) + ";" + service(testStart)));
        FaultOutcome end = session.stop(MarkerSource.SAMPLER);

        assertThat(end.window().toMillis()).isBetween(stopped, stopped + 1_100);
    }

    @Test
    void anEndAfterOnlyADelayRanSaysNoFaultRan() {
        details.set(details("Running", null, DELAY_URN + ";running;" + service(testStart) + ";-",
                FAULT_URN + ";pending;-;-"));
        FaultSession session = session();
        assertThat(session.start(MarkerSource.SAMPLER).success()).isTrue();
        details.set(details("Cancelled", service(System.currentTimeMillis()),
                DELAY_URN + ";cancelled;" + service(testStart) + ";" + service(System.currentTimeMillis()),
                FAULT_URN + ";cancelled;-;-"));
        FaultOutcome end = session.stop(MarkerSource.SAMPLER);

        assertThat(end.window().faultRan()).isFalse();
        assertThat(end.window().source()).isEqualTo(WindowInstants.Source.SERVICE);
        assertThat(end.window().fromMillis()).isNull();
        assertThat(end.window().toMillis()).isNull();
    }

    @Test
    void anEndWhoseDetailsCannotBeReadCarriesWhenTheTerminalStatusWasSeen() {
        details.set(details("Running", null, FAULT_URN + ";running;" + service(testStart) + ";-"));
        FaultSession session = session();
        assertThat(session.start(MarkerSource.SAMPLER).success()).isTrue();
        details.set(null);
        FaultOutcome end = session.stop(MarkerSource.SAMPLER);

        assertThat(end.success()).isTrue();
        assertThat(end.window()).isEqualTo(WindowInstants.fallbackTo(end.timeStampMillis() + end.elapsedMillis()));
    }

    @Test
    void aStartThatDoesNotWaitForRunningCarriesItsOwnInstant() {
        FaultOutcome outcome = session().start(MarkerSource.SAMPLER, false);

        assertThat(outcome.window()).isEqualTo(WindowInstants.fallbackFrom(outcome.timeStampMillis()));
    }
}
