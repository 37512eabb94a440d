package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParentProxyTest {

    @Test
    void theHttpIdleTimeoutOutlastsEveryAllowedRequestTimeout() {
        for (Duration timeout : List.of(Duration.ofMillis(1), ProxySettings.DEFAULT_REQUEST_TIMEOUT,
                Duration.ofSeconds(30), ProxySettings.MAX_REQUEST_TIMEOUT)) {
            Duration idle = ParentProxy.httpIdleTimeout(timeout);
            assertTrue(idle.compareTo(timeout.plusSeconds(1)) >= 0, timeout + " -> " + idle);
            assertTrue(idle.compareTo(Duration.ofSeconds(30)) >= 0, "keep-alive connections get 30 s: " + idle);
        }
    }
}
