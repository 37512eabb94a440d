/**
 * Not API. The forwarder: each listener (a vsock port on the parent, or TCP in development) copies raw bytes, both
 * ways, to the one destination it was configured with, under a connection limit and an idle timeout. The copying is
 * agent-channel's {@code dev.nitroattest.relay}; what is the forwarder's own is which addresses a destination name
 * may lead to, and its log lines and metrics.
 */
package dev.nitroattest.proxy.internal.forward;
