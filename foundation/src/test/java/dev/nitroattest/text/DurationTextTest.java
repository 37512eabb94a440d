package dev.nitroattest.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one duration syntax of the project's command lines (the agent's, the proxy's, the emulators' and
 * {@code nitro-attest}'s), and its refusals in one sentence naming the option.
 */
class DurationTextTest {
    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "2m,120000", "1h,3600000", "PT5S,5000", "pt1m,60000", "' 10S ',10000",
        "0s,0", "-1s,-1000", "-PT2S,-2000", "1d,86400000", "5D,432000000", "P1D,86400000", "p1dt1s,86401000",
        "+3s,3000", "+PT3S,3000", "+p1d,86400000"})
    void readsEachForm(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), DurationText.parse("--timeout", text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "ms", "5", "5w", "soon", "5 s", "1.5s", "PT", "P1M", "9999999999999999999ms",
        "\u0662m", "PT\u0662M", "--1s"})
    void refusesWhatIsNotADuration(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DurationText.parse("--timeout", text));
        assertEquals("--timeout \"" + text + "\" is not a duration; write it like 30s, 500ms or 2m.",
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999999999h", "999999999999999999m"})
    void refusesWhatDoesNotFit(String text) {
        assertEquals("--timeout \"" + text + "\" is far too long; write it like 30s, 500ms or 2m.",
                assertThrows(IllegalArgumentException.class, () -> DurationText.parse("--timeout", text))
                        .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "-1s", "PT0S", "0ms"})
    void positiveRefusesZeroAndNegative(String text) {
        assertEquals("--timeout \"" + text + "\" is not a positive duration; write it like 30s, 500ms or 2m.",
                assertThrows(IllegalArgumentException.class, () -> DurationText.parsePositive("--timeout", text))
                        .getMessage());
        assertEquals(Duration.ofSeconds(1), DurationText.parsePositive("--timeout", "1s"));
    }

    @Test
    void withoutTheOptionTheSentenceStartsWithTheText() {
        assertEquals(Duration.ofMinutes(5), DurationText.parsePositive("PT5M"));
        assertEquals("\"5 minutes\" is not a duration; write it like 30s, 500ms or 2m.",
                assertThrows(IllegalArgumentException.class, () -> DurationText.parsePositive("5 minutes"))
                        .getMessage());
        assertEquals("\"-PT5M\" is not a positive duration; write it like 30s, 500ms or 2m.",
                assertThrows(IllegalArgumentException.class, () -> DurationText.parsePositive("-PT5M"))
                        .getMessage());
    }
}
