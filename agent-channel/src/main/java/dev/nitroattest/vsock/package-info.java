/**
 * Byte-stream connections over vsock (through JNA) or TCP behind one abstraction, so that servers and clients do
 * not care which transport is under them. An {@link dev.nitroattest.vsock.Endpoint} is parsed from
 * {@code vsock:PORT} (listen on any CID), {@code vsock:CID:PORT} (connect) or {@code tcp:HOST:PORT} (either); a
 * {@link dev.nitroattest.vsock.Listener} accepts {@link dev.nitroattest.vsock.Connection}s, which give ordinary
 * streams.
 */
package dev.nitroattest.vsock;
