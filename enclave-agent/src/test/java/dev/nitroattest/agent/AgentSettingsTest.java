package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

    @Test
    void theDefaultsAre64Connections30SecondsIdleAnd5SecondsPerFrame() {
        assertEquals(new AgentSettings(64, Duration.ofSeconds(30), Duration.ofSeconds(5)), AgentSettings.defaults());
    }

    @Test
    void timeoutsAreCappedAtOneHourSoThatNoConversionOverflows() {
        new AgentSettings(1, Duration.ofHours(1), Duration.ofHours(1));
        IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
                () -> new AgentSettings(1, Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(5)));
        assertEquals("The idle timeout must be at most 1 hour; " + Duration.ofSeconds(Long.MAX_VALUE) + " was given.",
                idle.getMessage());
        IllegalArgumentException frame = assertThrows(IllegalArgumentException.class,
                () -> new AgentSettings(1, Duration.ofSeconds(5), Duration.ofHours(1).plusNanos(1)));
        assertEquals("The frame timeout must be at most 1 hour; PT1H0.000000001S was given.", frame.getMessage());
    }
}
