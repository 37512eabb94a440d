package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.vsock.TcpEndpoint;
import dev.nitroattest.vsock.VsockListenEndpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What the allow-list is: exact destinations only; patterns and catch-all addresses are refused at start. */
class ForwardRuleTest {

    @Test
    void aVsockPortForwardsToANamedDestination() {
        ForwardRule rule = ForwardRule.parse("vsock:8000=kms.us-east-1.amazonaws.com:443");
        assertEquals(new VsockListenEndpoint(8000), rule.listen());
        assertEquals(new ForwardDestination("kms.us-east-1.amazonaws.com", 443), rule.destination());
        assertTrue(rule.destination().literalAddress().isEmpty(), "a name is resolved per connection, not now");
        assertEquals("vsock:8000=kms.us-east-1.amazonaws.com:443", rule.toString());
    }

    @Test
    void aTcpListenerAndIpLiteralsWork() {
        ForwardRule rule = ForwardRule.parse("tcp:127.0.0.1:9000=10.0.0.5:8443");
        assertEquals(new TcpEndpoint("127.0.0.1", 9000), rule.listen());
        assertEquals("10.0.0.5", rule.destination().literalAddress().orElseThrow().getHostAddress());

        ForwardDestination v6 = ForwardRule.parse("vsock:8001=[2001:db8::1]:443").destination();
        assertEquals("2001:db8::1", v6.host());
        assertEquals("[2001:db8::1]:443", v6.toString());
    }

    @Test
    void namesAreCheckedForSyntaxWithoutAnyLookup() {
        ForwardDestination unresolvable = ForwardDestination.parse("no-such-host.invalid:443");
        assertEquals("no-such-host.invalid", unresolvable.host());
        assertEquals("kms.eu-west-1.amazonaws.com", ForwardDestination.parse("KMS.eu-west-1.AmazonAWS.com:443").host());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vsock:8000=*.amazonaws.com:443 | is a pattern",
        "vsock:8000=kms.*:443 | is a pattern",
        "vsock:8000=0.0.0.0:443 | unspecified address",
        "vsock:8000=[::]:443 | unspecified address",
        "vsock:8000=224.0.0.1:443 | multicast or broadcast",
        "vsock:8000=255.255.255.255:443 | multicast or broadcast",
        "vsock:8000=[fe80::1%1]:443 | has a scope",
        "vsock:8000=kms.amazonaws.com:0 | fixed port from 1 to 65535",
        "vsock:8000=kms.amazonaws.com:65536 | fixed port from 1 to 65535",
        "vsock:8000=kms.amazonaws.com:* | fixed port from 1 to 65535",
        "vsock:8000=kms.amazonaws.com | is not HOST:PORT",
        "vsock:8000= | is not HOST:PORT",
        "vsock:8000 | is not LISTEN=HOST:PORT",
        "vsock:8000=a=b:1 | is not LISTEN=HOST:PORT",
        "vsock:8000=ho_st:443 | is not a DNS name",
        "vsock:8000=-host:443 | is not a DNS name",
        "vsock:8000=host..com:443 | is not a DNS name",
        "vsock:8000=999.1.1.1:443 | is not an IPv4 address",
        "vsock:8000=::1:443 | put it in brackets",
        "vsock:8000=[kms]:443 | not an IPv6 address",
        "vsock:3:8000=kms.amazonaws.com:443 | address to connect to",
        "udp:8000=kms.amazonaws.com:443 | is not an endpoint"})
    void destinationsThatAreNotExactAreRefusedWithOneSentence(String text, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ForwardRule.parse(text));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("."), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:443", "[::1]:443", "169.254.169.254:80"})
    void internalAddressesAreAllowedOnlyWhenWrittenAsLiterals(String destination) {
        assertTrue(ForwardDestination.parse(destination).literalAddress().isPresent());
    }
}
