/**
 * The agent protocol (docs/protocol.md): length-prefixed frames, each one definite-length CBOR map with text keys.
 * {@link dev.nitroattest.agent.protocol.Frames} reads and writes frames, {@link dev.nitroattest.agent.protocol.AgentMessages}
 * encodes and decodes the request and response maps.
 */
package dev.nitroattest.agent.protocol;
