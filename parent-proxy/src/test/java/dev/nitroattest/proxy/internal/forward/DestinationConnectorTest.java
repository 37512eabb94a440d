package dev.nitroattest.proxy.internal.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.ForwardDestination;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
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
