package dev.nitroattest.proxy.internal.forward;

import dev.nitroattest.proxy.ForwardDestination;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to one configured destination and nowhere else. An IP literal is connected to as given. A name is
 * resolved on each connection (the addresses of a service such as KMS change), and the addresses it resolves to
 * must be public-facing: a name that resolves to a loopback, link-local (the instance metadata service at
 * 169.254.169.254), unspecified or multicast address is refused, so that whoever controls the name's DNS cannot
 * point the enclave at the parent's own services. To forward to such an address, configure it as a literal.
 */
final class DestinationConnector {
    private final ForwardDestination destination;
    private final Duration connectTimeout;

    DestinationConnector(ForwardDestination destination, Duration connectTimeout) {
        this.destination = destination;
        this.connectTimeout = connectTimeout;
    }

    /** A connected socket to the destination; tries each acceptable address in turn. */
    Socket connect() throws IOException {
        IOException last = null;
        for (InetAddress address : addresses()) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, destination.port()),
                        (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
                socket.setTcpNoDelay(true);
                return socket;
            } catch (IOException e) {
                socket.close();
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
            resolved = InetAddress.getAllByName(destination.host());
        } catch (UnknownHostException e) {
            throw new IOException("The destination name " + destination.host() + " does not resolve.", e);
        }
        List<InetAddress> acceptable = new ArrayList<>();
        for (InetAddress address : resolved) {
            if (!isInternal(address)) {
                acceptable.add(address);
            }
        }
        if (acceptable.isEmpty()) {
            throw new IOException("The destination name " + destination.host() + " resolves only to loopback, "
                    + "link-local or unspecified addresses, which a name may not lead to; configure the address "
                    + "itself if that is the intent.");
        }
        return acceptable;
    }

    private static boolean isInternal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress();
    }
}
