package dev.nitroattest.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void sockaddrVmOfCid3Port9000IsTheVectorOfNitroFacts() {
        byte[] sockaddr = new VsockAddress(3, 9000).toSockaddr();
        assertEquals("2800" + "0000" + "28230000" + "03000000" + "00000000", HexFormat.of().formatHex(sockaddr));
        assertEquals(new VsockAddress(3, 9000), VsockAddress.fromSockaddr(sockaddr));
    }

    @Test
    void cidAnyAndLargePortsAreUnsigned() {
        byte[] sockaddr = new VsockAddress(VsockAddress.CID_ANY, 0xfffffffeL).toSockaddr();
        assertEquals("28000000feffffffffffffff00000000", HexFormat.of().formatHex(sockaddr));
        assertEquals(VsockAddress.CID_ANY, VsockAddress.fromSockaddr(sockaddr).cid());
    }

    @Test
    void theThreeFormsParse() {
        assertEquals(new VsockListenEndpoint(5000), Endpoint.parse("vsock:5000"));
        assertEquals(new VsockConnectEndpoint(3, 8000), Endpoint.parse("vsock:3:8000"));
        assertEquals(new TcpEndpoint("127.0.0.1", 7000), Endpoint.parse("tcp:127.0.0.1:7000"));
        assertEquals(new TcpEndpoint("::1", 7000), Endpoint.parse("tcp:[::1]:7000"));
        assertEquals("tcp:[::1]:7000", Endpoint.parse("tcp:[::1]:7000").toString());
        assertEquals("vsock:3:8000", Endpoint.parse("vsock:3:8000").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vsock:3:9000|\"vsock:3:9000\" is an address to connect to; to listen on vsock give vsock:PORT (any CID).",
        "udp:1:2|\"udp:1:2\" is not an endpoint; use vsock:PORT, vsock:CID:PORT or tcp:HOST:PORT.",
        "vsock:x|\"vsock:x\" has the port \"x\", which is not a decimal number.",
        "vsock:4294967296|\"vsock:4294967296\" has the port 4294967296, which does not fit in 32 bits.",
        "tcp:host:70000|\"tcp:host:70000\" has TCP port 70000; ports go up to 65535.",
        "tcp::80|\"tcp::80\" is not an endpoint; use vsock:PORT, vsock:CID:PORT or tcp:HOST:PORT.",
    })
    void badListenEndpointsAreExplainedInOneSentence(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> ListenEndpoint.parse(text))
                .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vsock:5000", "vsock:4294967295:80", "vsock:1:2:3", ""})
    void connectEndpointsNeedACidAndPort(String text) {
        assertThrows(IllegalArgumentException.class, () -> ConnectEndpoint.parse(text));
    }
}
