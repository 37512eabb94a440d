package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loopback rule holds for a bridge made in code, not only for one parsed from --bridge. */
class BridgeRuleTest {
    private static final ConnectEndpoint PARENT = ConnectEndpoint.parse("vsock:3:8000");

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.5", "192.168.1.1", "localhost", "127.0.0.300", "fe80::1"})
    void thePublicConstructorRefusesANonLoopbackListener(String host) {
        TcpEndpoint listen = new TcpEndpoint(host, 443);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new BridgeRule(listen, PARENT));
        assertEquals("A bridge may not listen on " + listen + ", which is not a loopback address; listen on "
                + "127.0.0.1 so that only the enclave's own applications reach it.", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1"})
    void thePublicConstructorTakesALoopbackLiteral(String host) {
        assertEquals(host, new BridgeRule(new TcpEndpoint(host, 443), PARENT).listen().host());
    }
}
