package dev.nitroattest.proxy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One allow-listed TCP destination of the forwarder: a fixed DNS name or IP literal and a port. There are no
 * patterns: no wildcard, no unspecified address (0.0.0.0, ::), no port 0, no multicast or broadcast address. A
 * literal is checked here without any lookup; a name is only checked for its syntax here and resolved when a
 * connection is forwarded.
 *
 * @param host a DNS name (lower case) or an IP literal (IPv6 without brackets)
 */
public record ForwardDestination(String host, int port) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;

    public ForwardDestination {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 0xffff) {
            throw new IllegalArgumentException("The destination " + host + " has port " + port
                    + "; give a fixed port from 1 to 65535.");
        }
        literal(host).ifPresentOrElse(ForwardDestination::checkLiteral, () -> checkName(host));
    }

    /**
     * Parses {@code HOST:PORT} ({@code [2001:db8::1]:443} for IPv6).
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static ForwardDestination parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("The destination \"" + text + "\" is not HOST:PORT, e.g. "
                    + "kms.us-east-1.amazonaws.com:443.");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (!host.contains(":")) {
                throw new IllegalArgumentException("The destination \"" + text + "\" has brackets around a host that "
                        + "is not an IPv6 address.");
            }
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("The destination \"" + text + "\" has an IPv6 host; put it in "
                    + "brackets, e.g. [2001:db8::1]:443.");
        }
        String digits = text.substring(colon + 1);
        if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("The destination \"" + text + "\" has the port \"" + digits
                    + "\"; give a fixed port from 1 to 65535.");
        }
        return new ForwardDestination(host.toLowerCase(Locale.ROOT), Integer.parseInt(digits));
    }

    /** The address itself when the host is an IP literal; empty when it is a name to resolve. */
    public Optional<InetAddress> literalAddress() {
        return literal(host);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static Optional<InetAddress> literal(String host) {
        if (!host.contains(":") && !IPV4.matcher(host).matches()) {
            return Optional.empty();
        }
        if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("The destination host " + host + " is not an IPv4 address.");
                }
            }
        }
        try {
            // A string with a colon or of the dotted-quad form is parsed as a literal; no lookup happens.
            return Optional.of(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The destination host " + host + " is not an IP address.");
        }
    }

    private static void checkLiteral(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("The destination " + address.getHostAddress() + " is the unspecified "
                    + "address, which stands for any host; give the one host to forward to.");
        }
        if (address.isMulticastAddress() || isBroadcast(address)) {
            throw new IllegalArgumentException("The destination " + address.getHostAddress() + " is a multicast or "
                    + "broadcast address; give the one host to forward to.");
        }
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            throw new IllegalArgumentException("The destination " + address.getHostAddress() + " has a scope; give "
                    + "a global or unique-local IPv6 address.");
        }
    }

    private static boolean isBroadcast(InetAddress address) {
        return address instanceof Inet4Address && address.getHostAddress().equals("255.255.255.255");
    }

    private static void checkName(String host) {
        if (host.contains("*")) {
            throw new IllegalArgumentException("The destination host " + host + " is a pattern; the forwarder "
                    + "allows only exact destinations, so list each host:port.");
        }
        if (host.isEmpty() || host.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("The destination host \"" + host + "\" is not a DNS name.");
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("The destination host \"" + host + "\" is not a DNS name (letters, "
                        + "digits and hyphens, in dot-separated labels).");
            }
        }
    }
}
