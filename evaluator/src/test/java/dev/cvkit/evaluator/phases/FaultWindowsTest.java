package dev.cvkit.evaluator.phases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvkit.evaluator.markers.FaultMarker;
import dev.cvkit.evaluator.markers.MarkerFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The windows of format-2 markers: Chaos Studio's record wins over the engines' own instants, from any
 * marker of any engine; format-1 markers are read as before; a record without any fault action opens none.
 */
class FaultWindowsTest {

    private static final long T = 1_767_225_600_000L;

    private static FaultMarker marker(String label, long timeStamp, long elapsed, String message) {
        return FaultMarker.fromRow(label, message, timeStamp, elapsed, true, "10.1.0.4-Fault 1-1", "", "r.jtl", 7);
    }

    private static FaultMarker start(long timeStamp, long elapsed, String window) {
        return marker("cvkit:fault-start:x", timeStamp, elapsed,
                "execution=e1; status=Running; role=started; by=sampler" + window);
    }

    private static FaultMarker end(long timeStamp, long elapsed, String window) {
        return marker("cvkit:fault-end:x", timeStamp, elapsed,
                "execution=e1; status=Cancelled; role=started; by=sampler" + window);
    }

    private static FaultWindow only(FaultWindows.Derived derived) {
        assertThat(derived.windows()).hasSize(1);
        return derived.windows().get(0);
    }

    @Test
    void theServicesRecordWinsOverTheEnginesOwnInstants() {
        FaultWindows.Derived derived = FaultWindows.fromMarkers(List.of(
                start(T, 1_500, "; format=2; window=fallback; faultFrom=" + T),
                start(T + 100, 2_400, "; format=2; window=fallback; faultFrom=" + (T + 100)),
                end(T + 20_000, 3_000, "; format=2; window=service; faultFrom=" + (T + 3_000) + "; faultTo="
                        + (T + 21_000) + "; clockOffset=10..990"),
                end(T + 20_050, 3_500, "; format=2; window=service; faultFrom=" + (T + 3_400) + "; faultTo="
                        + (T + 21_500) + "; clockOffset=-400..560")));

        FaultWindow w = only(derived);
        assertThat(w.startMillis()).isEqualTo(T + 3_000);
        assertThat(w.endMillis()).isEqualTo(T + 21_500);
        assertThat(derived.warnings()).isEmpty();
        assertThat(derived.notes()).isEmpty();
    }

    @Test
    void aServiceStartOnTheStartMarkerAndAFallbackEndAreUsedTogetherWithANote() {
        FaultWindows.Derived derived = FaultWindows.fromMarkers(List.of(
                start(T, 1_500, "; format=2; window=service; faultFrom=" + (T + 800) + "; clockOffset=-5..990"),
                end(T + 20_000, 3_000, "; format=2; window=fallback; faultTo=" + (T + 23_000))));

        FaultWindow w = only(derived);
        assertThat(w.startMillis()).isEqualTo(T + 800);
        assertThat(w.endMillis()).isEqualTo(T + 23_000);
        assertThat(derived.notes()).singleElement().asString().contains("r.jtl:7")
                .contains("gave no end time").contains("execution e1 of experiment x");
    }

    @Test
    void fallbackInstantsAloneGiveTheWidestWindowWithANote() {
        FaultWindows.Derived derived = FaultWindows.fromMarkers(List.of(
                start(T, 1_500, "; format=2; window=fallback; faultFrom=" + T),
                end(T + 20_000, 3_000, "; format=2; window=fallback; faultTo=" + (T + 23_000))));

        FaultWindow w = only(derived);
        assertThat(w.startMillis()).isEqualTo(T);
        assertThat(w.endMillis()).isEqualTo(T + 23_000);
        assertThat(derived.notes()).singleElement().asString().contains("gave no start or end time");
    }

    @Test
    void formatOneMarkersAreReadAsBeforeWithANote() {
        FaultWindows.Derived derived =
                FaultWindows.fromMarkers(List.of(start(T, 1_500, ""), end(T + 20_000, 3_000, "")));

        FaultWindow w = only(derived);
        assertThat(w.startMillis()).isEqualTo(T + 1_500);
        assertThat(w.endMillis()).isEqualTo(T + 23_000);
        assertThat(derived.notes()).singleElement().asString().contains("format 1");
    }

    @Test
    void anEndMarkerWithTheServicesWholeRecordNeedsNoStartMarker() {
        FaultWindows.Derived derived = FaultWindows.fromMarkers(List.of(end(T + 20_000, 3_000,
                "; format=2; window=service; faultFrom=" + (T + 2_000) + "; faultTo=" + (T + 21_000)
                        + "; clockOffset=0..1000")));

        FaultWindow w = only(derived);
        assertThat(w.startMillis()).isEqualTo(T + 2_000);
        assertThat(w.endMillis()).isEqualTo(T + 21_000);
    }

    @Test
    void aRecordWithoutAnyFaultActionOpensNoWindow() {
        FaultWindows.Derived derived = FaultWindows.fromMarkers(List.of(
                start(T, 1_500, "; format=2; window=fallback; faultFrom=" + T),
                end(T + 5_000, 800, "; format=2; window=service; faultFrom=none; faultTo=none; clockOffset=0..990")));

        assertThat(derived.windows()).isEmpty();
        assertThat(derived.notes()).singleElement().asString().contains("no fault action started")
                .contains("opens no fault window");
    }

    @Test
    void aNewerFormatIsRefusedAndSaysSo() {
        assertThatThrownBy(() -> start(T, 1, "; format=3; window=service; faultFrom=" + T))
                .isInstanceOf(MarkerFormatException.class)
                .hasMessage("fault marker of format 3, newer than this evaluator reads (format 2 and older): use the"
                        + " cvkit release that wrote the results, or newer");
    }

    @Test
    void windowValuesOutsideTheContractAreRefused() {
        assertThatThrownBy(() -> start(T, 1, "; format=2; window=guess; faultFrom=" + T))
                .hasMessage("fault marker: window=guess: expected service or fallback");
        assertThatThrownBy(() -> start(T, 1, "; format=2; window=service; faultFrom=soon"))
                .hasMessage("fault marker: faultFrom=soon: expected epoch milliseconds or none");
        assertThatThrownBy(() -> end(T, 1, "; format=2; window=fallback; faultFrom=none; faultTo=none"))
                .hasMessageStartingWith("fault marker: faultFrom=none and faultTo=none go together and only with"
                        + " window=service");
        assertThatThrownBy(() -> end(T, 1, "; format=2; faultTo=" + T))
                .hasMessage("fault marker: faultFrom/faultTo without window=service or window=fallback");
        assertThatThrownBy(() -> end(T, 1, "; format=2; window=service; faultFrom=" + (T + 5) + "; faultTo=" + T))
                .hasMessage("fault marker: faultTo=" + T + " is not after faultFrom=" + (T + 5));
        assertThatThrownBy(() -> end(T, 1, "; format=two"))
                .hasMessage("fault marker: format=two: expected a whole number");
    }
}
