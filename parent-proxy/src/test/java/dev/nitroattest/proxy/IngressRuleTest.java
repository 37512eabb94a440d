package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.vsock.TcpEndpoint;
import dev.nitroattest.vsock.VsockConnectEndpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an ingress is: a TCP listener, one enclave port, and loopback unless the operator says otherwise by name. */
class IngressRuleTest {

    @Test
    void aLoopbackPortRelaysToAnEnclavesVsockPort() {
        IngressRule rule = IngressRule.parse("tcp:127.0.0.1:8443=vsock:16:8443");
        assertEquals(new TcpEndpoint("127.0.0.1", 8443), rule.listen());
        assertEquals(new VsockConnectEndpoint(16, 8443), rule.enclave());
        assertTrue(rule.listensOnLoopback());
        assertEquals("tcp:127.0.0.1:8443=vsock:16:8443", rule.toString());
    }

    @Test
    void inDevelopmentTheEnclaveIsATcpEndpoint() {
        assertEquals(new TcpEndpoint("127.0.0.1", 9443), IngressRule.parse("tcp:[::1]:8443=tcp:127.0.0.1:9443")
                .enclave());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp:127.0.0.1:8443 | is not tcp:HOST:PORT=ENCLAVE",
        "tcp:127.0.0.1:8443=vsock:16:1=x | is not tcp:HOST:PORT=ENCLAVE",
        "=vsock:16:8443 | is not tcp:HOST:PORT=ENCLAVE",
        "vsock:8443=vsock:16:8443 | an ingress listens on TCP for relying services",
        "tcp:127.0.0.1:8443=vsock:8443 | is an address to listen on",
        "tcp:127.0.0.1:8443=nonsense | is not an endpoint"})
    void aMalformedIngressIsRefusedInOneSentence(String text, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> IngressRule.parse(text));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.7", "localhost", "[::]", "127.0.0.256", "[2001:db8::1]"})
    void aListenerOffLoopbackIsRefusedUnlessAllowedByName(String host) {
        IngressRule rule = IngressRule.parse("tcp:" + host + ":8443=vsock:16:8443");
        assertFalse(rule.listensOnLoopback());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> IngressSettings.of(List.of(rule)));
        assertTrue(refused.getMessage().startsWith("--ingress " + rule + " listens on "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("give --allow-non-loopback-ingress so that relying services on "
                + "other machines reach it."), refused.getMessage());

        IngressSettings allowed = new IngressSettings(List.of(rule), 8, Duration.ofMinutes(1), Duration.ofSeconds(1),
                true);
        assertEquals(List.of(rule), allowed.rules());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "[::1]"})
    void everyLoopbackLiteralIsLoopback(String host) {
        assertTrue(IngressRule.parse("tcp:" + host + ":8443=vsock:16:8443").listensOnLoopback());
    }

    @Test
    void limitsOutOfRangeNameTheirOption() {
        List<IngressRule> none = List.of();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new IngressSettings(none, 0,
                Duration.ofMinutes(1), Duration.ofSeconds(1), false)).getMessage()
                .startsWith("--ingress-max-connections must be between 1 and 4096"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new IngressSettings(none, 1,
                Duration.ZERO, Duration.ofSeconds(1), false)).getMessage()
                .startsWith("--ingress-idle-timeout must be positive"));
    }
}
