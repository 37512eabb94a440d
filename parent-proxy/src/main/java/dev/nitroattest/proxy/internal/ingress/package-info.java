/**
 * Not API. The ingress: each TCP listener on the parent copies raw bytes, both ways, to one port of the enclave's
 * application, under a connection limit and an idle timeout. It never terminates TLS; the copying is agent-channel's
 * {@code dev.nitroattest.relay}, and what is the ingress's own is its log lines and metrics.
 */
package dev.nitroattest.proxy.internal.ingress;
