package dev.nitroattest.proxy.internal.forward;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which addresses a destination name may resolve to. An IPv6 address that carries an IPv4 address is judged as that
 * IPv4 address, because that is where a connection to it goes: IPv4-mapped ({@code ::ffff:a.b.c.d}, which the
 * kernel connects to over IPv4), IPv4-compatible ({@code ::a.b.c.d}) and NAT64's well-known prefix
 * ({@code 64:ff9b::/96}, which a NAT64 gateway translates to the IPv4 address). Without that, an AAAA answer of
 * {@code ::ffff:169.254.169.254} is an {@link Inet6Address} that is neither loopback nor link-local to Java, and
 * reaches the instance metadata service all the same.
 */
final class NameAddressFilter {
    /** fd00:ec2::/32, the first four bytes of AWS's IPv6 addresses for the instance metadata, DNS and time services. */
    private static final byte[] AWS_INSTANCE_SERVICES_V6 = {(byte) 0xfd, 0x00, 0x0e, (byte) 0xc2};
    /** The first twelve bytes of an IPv4-mapped address: ten zero bytes, then 0xffff. */
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    /** The first twelve bytes of an IPv4-compatible address (deprecated, but still parsed and routed by some hosts). */
    private static final byte[] COMPATIBLE_PREFIX = new byte[12];
    /** 64:ff9b::/96, NAT64's well-known prefix (RFC 6052). */
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final int EMBEDDED_AT = 12;

    private NameAddressFilter() {}

    /**
     * Whether a name may not lead here: loopback, link-local (with the instance metadata service at
     * 169.254.169.254), AWS's IPv6 instance services, 0.0.0.0/8 (this host on Linux), unspecified and multicast,
     * after unwrapping an IPv4 address an IPv6 address carries.
     */
    static boolean refused(InetAddress address) {
        InetAddress judged = embeddedIpv4(address);
        return judged.isLoopbackAddress() || judged.isLinkLocalAddress() || judged.isAnyLocalAddress()
                || judged.isMulticastAddress() || isThisNetwork(judged) || isAwsInstanceServiceV6(judged);
    }

    /** The IPv4 address an IPv6 address carries (mapped, compatible or NAT64), or the address itself. */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        if (startsWith(bytes, MAPPED_PREFIX) || startsWith(bytes, COMPATIBLE_PREFIX)
                || startsWith(bytes, NAT64_PREFIX)) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(bytes, EMBEDDED_AT, bytes.length));
            } catch (UnknownHostException e) {
                throw new AssertionError("four bytes are always an IPv4 address", e);
            }
        }
        return address;
    }

    /** 0.0.0.0/8: "this network", which Linux connects to as the local host. */
    private static boolean isThisNetwork(InetAddress address) {
        return address instanceof Inet4Address && address.getAddress()[0] == 0;
    }

    private static boolean isAwsInstanceServiceV6(InetAddress address) {
        return address instanceof Inet6Address && startsWith(address.getAddress(), AWS_INSTANCE_SERVICES_V6);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
