/**
 * The enclave agent: the entrypoint of an enclave image. It owns the NSM and answers attestation requests from
 * clients over vsock (or TCP in development) with the protocol of docs/protocol.md; with {@code --bridge}, it also
 * gives the enclave's applications loopback TCP ports that lead to the parent's forwarder. Run it with
 * {@link dev.nitroattest.agent.AgentMain}; embed it with {@link dev.nitroattest.agent.AgentServer}.
 */
package dev.nitroattest.agent;
