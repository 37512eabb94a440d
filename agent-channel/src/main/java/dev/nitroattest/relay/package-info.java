/**
 * A raw byte relay: a {@link dev.nitroattest.relay.Relay} listens on one endpoint and copies each accepted
 * connection, both ways and without reading it, to the one {@link dev.nitroattest.relay.RelayDestination} it was
 * started with, under a connection limit and an idle timeout ({@link dev.nitroattest.relay.RelayLimits}). End of
 * stream is passed on as a half-close. The parent proxy's forwarder (vsock to an allow-listed TCP host) and the
 * enclave agent's bridge (loopback TCP to vsock) are both this relay; what they log and count comes through a
 * {@link dev.nitroattest.relay.RelayObserver}.
 */
package dev.nitroattest.relay;
