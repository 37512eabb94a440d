package dev.nitroattest.proxy.internal.forward;

import dev.nitroattest.proxy.ForwardDestination;
import dev.nitroattest.relay.RelayDestination;
import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to one configured destination and nowhere else. An IP literal is connected to as given. A name is
 * resolved on each connection (the addresses of a service such as KMS change), and an address it resolves to is
 * refused if it leads to the parent itself or to the services AWS offers every instance: loopback, link-local (IPv4
 * 169.254.0.0/16, with the instance metadata service at 169.254.169.254; IPv6 fe80::/10), AWS's IPv6 range for the
 * same services (fd00:ec2::/32: metadata at fd00:ec2::254, DNS at ::253, time at ::123), 0.0.0.0/8, unspecified and
 * multicast. An IPv6 answer that carries an IPv4 address (mapped, compatible or NAT64) is judged as that IPv4 address
 * ({@link NameAddressFilter}), and the connection goes to the very address object judged, never to a text form of
 * it. Whoever controls the name's DNS therefore cannot point the enclave at them. Private addresses (10.0.0.0/8,
 * 172.16.0.0/12, 192.168.0.0/16, fc00::/7 outside AWS's range) are allowed: VPC interface endpoints, such as a
 * private KMS endpoint, live there. To forward to a refused address on purpose, configure it as a literal.
 */
final class DestinationConnector implements RelayDestination {
    /** Name resolution, replaceable so that tests need no DNS. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final ForwardDestination destination;
    private final Duration connectTimeout;
    private final Resolver resolver;

    DestinationConnector(ForwardDestination destination, Duration connectTimeout) {
        this(destination, connectTimeout, InetAddress::getAllByName);
    }

    DestinationConnector(ForwardDestination destination, Duration connectTimeout, Resolver resolver) {
        this.destination = destination;
        this.connectTimeout = connectTimeout;
        this.resolver = resolver;
    }

    /** A connection to the destination; tries each acceptable address in turn. */
    @Override
    public Connection connect() throws IOException {
        IOException last = null;
        for (InetAddress address : addresses()) {
            try {
                // The address object checked: connecting neither resolves the name again nor re-reads a text form.
                return TcpEndpoint.connect(address, destination.port(), connectTimeout);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("Cannot connect to " + destination + ": " + (last.getMessage() != null
                ? last.getMessage() : last.getClass().getSimpleName()), last);
    }

    /** The addresses to try, in the resolver's order. */
    List<InetAddress> addresses() throws IOException {
        if (destination.literalAddress().isPresent()) {
            return List.of(destination.literalAddress().get());
        }
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(destination.host());
        } catch (UnknownHostException e) {
            throw new IOException("The destination name " + destination.host() + " does not resolve.", e);
        }
        List<InetAddress> acceptable = new ArrayList<>();
        for (InetAddress address : resolved) {
            if (!NameAddressFilter.refused(address)) {
                acceptable.add(address);
            }
        }
        if (acceptable.isEmpty()) {
            throw new IOException("The destination name " + destination.host() + " resolves only to loopback, "
                    + "link-local, instance-service, 0.0.0.0/8, unspecified or multicast addresses (IPv4 inside IPv6 "
                    + "counting as IPv4), which a name may not lead to; "
                    + "configure the address itself if that is the intent.");
        }
        return acceptable;
    }
}
