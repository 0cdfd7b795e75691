package dev.cvkit.jmeter.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import dev.cvkit.jmeter.testing.FakeResponse;
import dev.cvkit.jmeter.testing.ScriptedHttpClient;
import dev.cvkit.jmeter.testing.StaticToken;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Retries and time budgets of the client's pipeline (azure-core RetryPolicy + cvkit's deadline), in memory. */
class RetriesAndTimeoutsTest {

    private static final ExperimentId EXPERIMENT = ExperimentId.of("sub", "rg", "exp");
    private static final String EXPERIMENT_JSON = "{\"name\":\"exp\",\"properties\":{\"steps\":[]}}";

    private static ChaosStudioClient client(ScriptedHttpClient http) {
        return new ChaosStudioClientBuilder().endpoint("https://chaos.test").credential(new StaticToken())
                .httpClient(http).maxRetries(3).retryDelay(Duration.ofMillis(5), Duration.ofMillis(20))
                .buildClient();
    }

    /** Answers with {@code first} for the first {@code times} calls, then 200. */
    private static ScriptedHttpClient failing(int times, Function<HttpRequest, FakeResponse> first) {
        AtomicInteger calls = new AtomicInteger();
        return new ScriptedHttpClient(r -> calls.incrementAndGet() <= times ? first.apply(r)
                : FakeResponse.json(r, 200, EXPERIMENT_JSON));
    }

    @Test
    void throttlingWithRetryAfterIsRetried() {
        ScriptedHttpClient http = failing(1, r -> FakeResponse.json(r, 429, "{}").header("Retry-After", "0"));
        assertThat(client(http).experiments().get(EXPERIMENT, Context.NONE).name()).isEqualTo("exp");
        assertThat(http.calls()).hasSize(2);
    }

    @Test
    void serverErrorsAreRetriedUpToTheLimit() {
        ScriptedHttpClient http = failing(3, r -> FakeResponse.json(r, 503, "{}"));
        client(http).experiments().get(EXPERIMENT, Context.NONE);
        assertThat(http.calls()).hasSize(4);
    }

    @Test
    void aServerErrorThatPersistsFailsWithTheStatusAndTheServicesMessage() {
        ScriptedHttpClient http = failing(100, r -> FakeResponse.json(r, 500,
                "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Something broke.\"}}"));
        ChaosStudioException failure = catchThrowableOfType(ChaosStudioException.class,
                () -> client(http).experiments().get(EXPERIMENT, Context.NONE));
        assertThat(http.calls()).hasSize(4);
        assertThat(failure.statusCode()).isEqualTo(500);
        assertThat(failure.errorCode()).isEqualTo("InternalServerError");
        assertThat(failure.getMessage()).startsWith("get experiment exp: HTTP 500 InternalServerError: Something broke.");
    }

    @Test
    void aRetryAfterLongerThanTheRemainingTimeIsNotWaitedFor() {
        ScriptedHttpClient http = failing(100, r -> FakeResponse.json(r, 429, "{}").header("Retry-After", "30"));
        long start = System.nanoTime();
        ChaosStudioException failure = catchThrowableOfType(ChaosStudioException.class,
                () -> client(http).experiments().get(EXPERIMENT, ChaosStudioClient.timeoutContext(Duration.ofSeconds(2))));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(failure.statusCode()).isEqualTo(429);
        assertThat(failure.getMessage()).contains("HTTP 429").contains("retrying did not fit the timeout");
        assertThat(http.calls()).hasSize(1);
        // Generous bound (shared machine, first use of the pipeline): far below the 30 s the service asked for.
        assertThat(elapsedMillis).isLessThan(10_000);
    }

    @Test
    void unauthorizedIsNotRetriedAndSaysToCheckTheCredential() {
        ScriptedHttpClient http = failing(100, r -> FakeResponse.json(r, 401,
                "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"The access token is invalid.\"}}"));
        assertThatThrownBy(() -> client(http).experiments().get(EXPERIMENT, Context.NONE))
                .isInstanceOf(ChaosStudioException.class)
                .hasMessageContaining("HTTP 401 InvalidAuthenticationToken")
                .hasMessageContaining("check the credential")
                .hasMessageNotContaining(StaticToken.SECRET);
        assertThat(http.calls()).hasSize(1);
    }

    @Test
    void ioErrorsAreRetriedAndThenReportedAsUnreachable() {
        ScriptedHttpClient http = new ScriptedHttpClient(r -> {
            throw new UncheckedIOException(new java.net.ConnectException("Connection refused"));
        });
        ChaosStudioException failure = catchThrowableOfType(ChaosStudioException.class,
                () -> client(http).experiments().get(EXPERIMENT, Context.NONE));
        assertThat(http.calls()).hasSize(4);
        assertThat(failure.errorCode()).isEqualTo(ChaosStudioException.UNREACHABLE);
        assertThat(failure.getMessage()).contains("cannot reach chaos.test").endsWith(": connection refused");
    }

    @Test
    void aCallWhoseBudgetIsUsedUpIsNotSentAgain() {
        AtomicInteger calls = new AtomicInteger();
        ScriptedHttpClient http = new ScriptedHttpClient(r -> {
            calls.incrementAndGet();
            sleep(300);
            return FakeResponse.json(r, 503, "{}");
        });
        long start = System.nanoTime();
        ChaosStudioException failure = catchThrowableOfType(ChaosStudioException.class,
                () -> client(http).experiments().get(EXPERIMENT, ChaosStudioClient.timeoutContext(Duration.ofMillis(500))));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(calls.get()).isLessThanOrEqualTo(2);
        assertThat(failure.statusCode() == 503 || failure.isTimeout()).as(failure.getMessage()).isTrue();
        assertThat(elapsedMillis).isLessThan(10_000);
    }

    @Test
    void plainHttpEndpointsAreRefusedUpFront() {
        assertThatThrownBy(() -> new ChaosStudioClientBuilder().endpoint("http://127.0.0.1:8080")
                .credential(new StaticToken()).buildClient())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an absolute https:// URL");
    }

    @Test
    void tokenScopeFollowsTheCloud() {
        ChaosStudioClientBuilder builder = new ChaosStudioClientBuilder();
        assertThat(builder.scope("https://management.azure.com")).isEqualTo("https://management.core.windows.net/.default");
        assertThat(builder.scope("https://management.chinacloudapi.cn")).isEqualTo("https://management.core.chinacloudapi.cn/.default");
        assertThat(builder.scope("https://127.0.0.1:8443")).isEqualTo("https://management.azure.com/.default");
        assertThat(builder.scope("https://arm.contoso.local")).isEqualTo("https://arm.contoso.local/.default");
        assertThat(builder.tokenScope("api://x/.default").scope("https://127.0.0.1:8443")).isEqualTo("api://x/.default");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
