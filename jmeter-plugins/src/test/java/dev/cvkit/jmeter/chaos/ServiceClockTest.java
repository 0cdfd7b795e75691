package dev.cvkit.jmeter.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bounds of the service's clock against the engine's, from the answers' {@code Date} headers. */
class ServiceClockTest {

    /** 2026-01-01T00:00:00Z */
    private static final long T = 1_767_225_600_000L;

    @Test
    void oneAnswerBoundsTheOffsetByItsSecondAndItsRoundTrip() {
        ServiceClock clock = new ServiceClock();
        // Sent at T+2.300, received at T+2.340, dated T+5 (the service is about 3 s ahead).
        assertThat(clock.record(T + 2_300, T + 2_340, "Thu, 01 Jan 2026 00:00:05 GMT")).isTrue();

        assertThat(clock.offset()).contains(new ServiceClock.Offset(5_000 - 2_340, 6_000 - 2_300));
        assertThat(clock.earliestEngineMillis(T + 10_000)).contains(T + 10_000 - 3_700);
        assertThat(clock.latestEngineMillis(T + 10_000)).contains(T + 10_000 - 2_660);
    }

    @Test
    void answersAtOtherFractionsOfASecondNarrowTheBounds() {
        ServiceClock clock = new ServiceClock();
        clock.record(T + 2_300, T + 2_340, "Thu, 01 Jan 2026 00:00:05 GMT");
        // 0.6 s later in the second: still second 5 on the service, so the offset is at most 6.000 - 2.900.
        clock.record(T + 2_900, T + 2_950, "Thu, 01 Jan 2026 00:00:05 GMT");

        assertThat(clock.offset()).contains(new ServiceClock.Offset(2_660, 3_100));
    }

    @Test
    void anAnswerThatContradictsTheBoundsStartsThemAgain() {
        ServiceClock clock = new ServiceClock();
        clock.record(T + 2_300, T + 2_340, "Thu, 01 Jan 2026 00:00:05 GMT");
        // The engine's clock was stepped back 10 s.
        clock.record(T - 7_700, T - 7_660, "Thu, 01 Jan 2026 00:00:05 GMT");

        assertThat(clock.offset()).contains(new ServiceClock.Offset(12_660, 13_700));
    }

    @Test
    void withoutAReadableDateNothingIsKnown() {
        ServiceClock clock = new ServiceClock();
        assertThat(clock.record(T, T + 10, null)).isFalse();
        assertThat(clock.record(T, T + 10, "yesterday")).isFalse();

        assertThat(clock.offset()).isEmpty();
        assertThat(clock.earliestEngineMillis(T)).isEmpty();
        assertThat(clock.latestEngineMillis(T)).isEmpty();
    }
}
