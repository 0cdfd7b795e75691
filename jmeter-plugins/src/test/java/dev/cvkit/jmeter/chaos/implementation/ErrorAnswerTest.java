package dev.cvkit.jmeter.chaos.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvkit.jmeter.chaos.ChaosStudioException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The service's words in an error answer reach logs and rows on one line. */
class ErrorAnswerTest {

    @Test
    void lineBreaksInTheServicesErrorDoNotStartNewLogLines() {
        byte[] body = ("{\"error\":{\"code\":\"Bad\\nRequest\",\"message\":\"refused\\r\\ncvkit chaos: forged line\"}}")
                .getBytes(StandardCharsets.UTF_8);

        ChaosStudioException e = ArmCalls.errorAnswer("start experiment stamp-down", 500, body);

        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r")
                .startsWith("start experiment stamp-down: HTTP 500 Bad Request: refused  cvkit chaos: forged line");
        assertThat(e.errorCode()).isEqualTo("Bad Request");
    }
}
