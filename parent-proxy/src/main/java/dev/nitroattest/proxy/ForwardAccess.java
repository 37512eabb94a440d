package dev.nitroattest.proxy;

import dev.nitroattest.vsock.Connection;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import dev.nitroattest.vsock.VsockAddress;
import dev.nitroattest.vsock.VsockListenEndpoint;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may reach the forwarder's listeners. A forwarder copies its connections to a destination on the parent's
 * network, so a listener anyone can reach is an open relay into that network: by default a TCP listener must be on a
 * loopback literal, and a vsock listener takes connections from any CID unless enclave CIDs are listed.
 *
 * @param nonLoopbackListeners whether a TCP listener may be on an address other than a loopback literal
 *     ({@code --allow-non-loopback-listener}); for development setups that know who reaches the address
 * @param enclaveCids the CIDs a vsock listener accepts connections from ({@code --allow-cid}); empty accepts any CID
 */
public record ForwardAccess(boolean nonLoopbackListeners, Set<Long> enclaveCids) {
    /** The lowest CID an enclave gets: 0 to 2 are reserved, and 3 is the parent itself. */
    public static final long LOWEST_ENCLAVE_CID = 4;

    /**
     * Checks the CIDs.
     *
     * @throws IllegalArgumentException for a CID that no enclave has
     */
    public ForwardAccess {
        enclaveCids = Set.copyOf(Objects.requireNonNull(enclaveCids, "enclaveCids"));
        for (long cid : enclaveCids) {
            if (cid < LOWEST_ENCLAVE_CID || cid >= VsockAddress.CID_ANY) {
                throw new IllegalArgumentException("--allow-cid " + cid + " is no enclave's CID; an enclave's CID is "
                        + "from " + LOWEST_ENCLAVE_CID + " to " + (VsockAddress.CID_ANY - 1) + " ("
                        + "nitro-cli describe-enclaves shows it as EnclaveCID).");
            }
        }
    }

    /** Loopback TCP listeners only, and vsock connections from any CID. */
    public static ForwardAccess defaults() {
        return new ForwardAccess(false, Set.of());
    }

    /**
     * Checks a forwarder's listener against this access.
     *
     * @throws IllegalArgumentException with one sentence if the rule listens on TCP off loopback without
     *     {@link #nonLoopbackListeners}
     */
    public void check(ForwardRule rule) {
        if (rule.listen() instanceof TcpEndpoint tcp && !tcp.isLoopbackLiteral() && !nonLoopbackListeners) {
            throw new IllegalArgumentException("--forward " + rule + " listens on " + tcp.host() + ", which is not a "
                    + "loopback address, so anyone who reaches it could use the parent's network through the "
                    + "forwarder; listen on 127.0.0.1 or vsock, or give --allow-non-loopback-listener if that is "
                    + "intended.");
        }
    }

    /**
     * Whether a connection a listener accepted may be forwarded: on a vsock listener, only from a listed CID (any,
     * when none is listed); on TCP, always (who reaches a TCP listener is decided by where it listens).
     */
    public boolean admits(ListenEndpoint listen, Connection connection) {
        if (!(listen instanceof VsockListenEndpoint) || enclaveCids.isEmpty()) {
            return true;
        }
        return connection.vsockPeer().map(peer -> enclaveCids.contains(peer.cid())).orElse(false);
    }

    @Override
    public String toString() {
        return "non-loopback TCP listeners " + (nonLoopbackListeners ? "allowed" : "refused") + ", vsock peers "
                + (enclaveCids.isEmpty() ? "of any CID" : "of CID " + enclaveCids.stream().sorted()
                        .map(String::valueOf).collect(Collectors.joining(", ")));
    }
}
