package dev.nitroattest.proxy.internal.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.ForwardDestination;
import dev.nitroattest.proxy.testing.LoopbackServer;
import dev.nitroattest.vsock.Connection;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a destination name may lead to, with a resolver that answers what the test says. */
class DestinationConnectorTest {
    private static final String NAME = "kms.us-east-1.amazonaws.com";

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "169.254.169.254", "169.254.170.2", "fe80::1", "0.0.0.0", "::",
        "224.0.0.1", "ff02::1", "fd00:ec2::254", "fd00:ec2::253", "fd00:ec2::123", "fd00:ec2:ffff::1"})
    void aNameLeadingOnlyToTheParentOrItsInstanceServicesIsRefused(String address) throws Exception {
        IOException refused = assertThrows(IOException.class, () -> connector(address).addresses());
        assertTrue(refused.getMessage().contains("resolves only to loopback, link-local, instance-service"),
                refused.getMessage());
    }

    /**
     * A DNS answer of {@code ::ffff:127.0.0.1} is an {@link Inet6Address} to the resolver (InetAddress.getByName
     * would have turned it into IPv4, hiding the case), for which Java's isLoopbackAddress and isLinkLocalAddress are
     * false; a connection to it reaches the IPv4 address all the same. Mapped, compatible and NAT64 forms are judged
     * as the IPv4 address they carry.
     */
    @ParameterizedTest
    @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0", "::ffff:0.1.2.3",
        "::ffff:224.0.0.1", "::127.0.0.1", "::169.254.169.254", "64:ff9b::127.0.0.1", "64:ff9b::169.254.169.254"})
    void anIpv6AnswerCarryingARefusedIpv4AddressIsRefused(String address) throws Exception {
        Inet6Address answer = ipv6(address);
        IOException refused = assertThrows(IOException.class, () -> connectorAnswering(answer).addresses());
        assertTrue(refused.getMessage().contains("resolves only to loopback, link-local, instance-service"),
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.1", "0.1.2.3", "0.255.255.255"})
    void aNameLeadingIntoThisNetworkZeroSlashEightIsRefused(String address) {
        assertThrows(IOException.class, () -> connector(address).addresses());
    }

    /** The address kept is the resolver's own object, which is what connect() connects to. */
    @ParameterizedTest
    @ValueSource(strings = {"::ffff:10.0.1.17", "64:ff9b::52.94.1.3"})
    void anIpv6AnswerCarryingAnAllowedIpv4AddressIsKeptAsTheSameObject(String address) throws Exception {
        Inet6Address answer = ipv6(address);
        List<InetAddress> kept = connectorAnswering(answer).addresses();
        assertEquals(1, kept.size());
        assertSame(answer, kept.get(0));
    }

    @Test
    @Timeout(30)
    void connectGoesToTheAddressObjectWithoutResolving() throws Exception {
        try (LoopbackServer server = LoopbackServer.named("literal")) {
            DestinationConnector connector = new DestinationConnector(
                    ForwardDestination.parse("127.0.0.1:" + server.port()), Duration.ofSeconds(5), host -> {
                        throw new UnknownHostException("a literal must not be resolved");
                    });
            try (Connection connection = connector.connect()) {
                byte[] greeting = connection.input().readNBytes(server.greeting().length());
                assertEquals(server.greeting(), new String(greeting, StandardCharsets.US_ASCII));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.1.17", "172.16.4.2", "192.168.0.9", "fd12:3456::1", "fd00:ec3::254", "52.94.1.3",
        "2600:1f18::1"})
    void privateAndPublicAddressesAreReachableByName(String address) throws Exception {
        assertEquals(List.of(InetAddress.getByName(address)), connector(address).addresses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fd00:ec2::254", "169.254.169.254"})
    void refusedAddressesAreDroppedAndTheOthersKept(String refused) throws Exception {
        assertEquals(List.of(InetAddress.getByName("10.0.1.17")), connector(refused, "10.0.1.17").addresses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[fd00:ec2::254]:80", "169.254.169.254:80"})
    void aLiteralIsConnectedToAsWrittenWithoutResolving(String literal) throws Exception {
        DestinationConnector connector = new DestinationConnector(ForwardDestination.parse(literal),
                Duration.ofSeconds(1), host -> {
                    throw new UnknownHostException("a literal must not be resolved");
                });
        assertEquals(1, connector.addresses().size());
    }

    /** An IPv6 address exactly as written, even in the mapped form that InetAddress.getByAddress turns into IPv4. */
    private static Inet6Address ipv6(String text) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(text).getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        Inet6Address address = Inet6Address.getByAddress(null, bytes, (NetworkInterface) null);
        assertInstanceOf(Inet6Address.class, address);
        return address;
    }

    private static DestinationConnector connectorAnswering(InetAddress answer) {
        return new DestinationConnector(new ForwardDestination(NAME, 443), Duration.ofSeconds(1), host -> {
            assertEquals(NAME, host);
            return new InetAddress[] {answer};
        });
    }

    private static DestinationConnector connector(String... resolvesTo) {
        return new DestinationConnector(new ForwardDestination(NAME, 443), Duration.ofSeconds(1), host -> {
            assertEquals(NAME, host);
            InetAddress[] addresses = new InetAddress[resolvesTo.length];
            for (int i = 0; i < resolvesTo.length; i++) {
                addresses[i] = InetAddress.getByName(resolvesTo[i]);
            }
            return addresses;
        });
    }
}
