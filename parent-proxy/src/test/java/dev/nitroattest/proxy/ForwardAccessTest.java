package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.VsockAddress;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may reach the forwarder: TCP listeners on loopback unless allowed by name, and vsock peers by CID. Accepted
 * connections are stand-ins carrying the peer address a vsock listener would report; nothing connects to a CID.
 */
class ForwardAccessTest {
    private static final ListenEndpoint VSOCK = ListenEndpoint.parse("vsock:8000");
    private static final ListenEndpoint TCP = ListenEndpoint.parse("tcp:127.0.0.1:8000");

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.7", "localhost"})
    void aTcpListenerOffLoopbackIsRefusedByDefault(String host) {
        ForwardRule rule = ForwardRule.parse("tcp:" + (host.contains(":") ? "[" + host + "]" : host)
                + ":8000=10.0.0.1:443");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> ForwardAccess.defaults().check(rule));
        assertTrue(refused.getMessage().endsWith("give --allow-non-loopback-listener if that is intended."),
                refused.getMessage());
        assertDoesNotThrow(() -> new ForwardAccess(true, Set.of()).check(rule));
    }

    @Test
    void settingsWithAnOpenTcpListenerAreRefusedWithoutTheNamedRelaxation() throws Exception {
        ForwardRule rule = ForwardRule.parse("tcp:0.0.0.0:8000=10.0.0.1:443");
        ProxySettings.Builder settings = ProxySettings.builder(ConnectEndpoint.parse("vsock:16:5000"),
                AttestationVerifier.builder().trustAwsNitroEnclavesRoot().acceptAnyEnclaveImage().anyAge().build())
                .forward(rule);
        assertThrows(IllegalArgumentException.class, settings::build);
        assertTrue(settings.forwardAccess(new ForwardAccess(true, Set.of())).build().forwardAccess()
                .nonLoopbackListeners());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.53", "[::1]"})
    void aLoopbackTcpListenerNeedsNoRelaxation(String host) {
        assertDoesNotThrow(() -> ForwardAccess.defaults().check(ForwardRule.parse("tcp:" + host
                + ":8000=10.0.0.1:443")));
    }

    @Test
    void aVsockListenerWithAllowedCidsTakesOnlyThosePeers() {
        ForwardAccess access = new ForwardAccess(false, Set.of(16L, 17L));
        assertTrue(access.admits(VSOCK, acceptedFrom(16)));
        assertTrue(access.admits(VSOCK, acceptedFrom(17)));
        assertFalse(access.admits(VSOCK, acceptedFrom(18)));
        assertFalse(access.admits(VSOCK, acceptedFrom(VsockAddress.CID_HOST)));
        assertFalse(access.admits(VSOCK, acceptedFrom(VsockAddress.CID_PARENT)));
        // A vsock connection whose peer is unknown is not on the list.
        assertFalse(access.admits(VSOCK, new Accepted(Optional.empty())));
    }

    @Test
    void withoutAllowedCidsAnyPeerIsTakenAndTcpListenersAreNotJudgedByCid() {
        assertTrue(ForwardAccess.defaults().admits(VSOCK, acceptedFrom(18)));
        assertTrue(new ForwardAccess(false, Set.of(16L)).admits(TCP, new Accepted(Optional.empty())));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3, 0xffffffffL, -1})
    void aCidNoEnclaveHasIsRefused(long cid) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ForwardAccess(false, Set.of(cid)));
        assertEquals("--allow-cid " + cid + " is no enclave's CID; an enclave's CID is from 4 to 4294967294 "
                + "(nitro-cli describe-enclaves shows it as EnclaveCID).", refused.getMessage());
    }

    private static Accepted acceptedFrom(long cid) {
        return new Accepted(Optional.of(new VsockAddress(cid, 1024)));
    }

    /** An accepted connection as far as admission looks at it: its peer. */
    private record Accepted(Optional<VsockAddress> vsockPeer) implements Connection {
        @Override
        public InputStream input() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream output() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void timeout(Duration timeout) {
        }

        @Override
        public void shutdownOutput() {
        }

        @Override
        public String peer() {
            return vsockPeer.map(address -> "vsock:" + address).orElse("unknown");
        }

        @Override
        public void close() {
        }
    }
}
