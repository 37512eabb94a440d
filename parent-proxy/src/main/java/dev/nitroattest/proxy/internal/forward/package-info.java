/**
 * Not API. The forwarder: each listener (a vsock port on the parent, or TCP in development) copies raw bytes, both
 * ways, to the one destination it was configured with, under a connection limit and an idle timeout.
 */
package dev.nitroattest.proxy.internal.forward;
