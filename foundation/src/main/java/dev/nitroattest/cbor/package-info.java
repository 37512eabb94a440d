/**
 * The strict CBOR profile (RFC 8949) the project reads and writes, shared by the attestation verifier, the enclave
 * image reader, the NSM's codec and the enclave agent's protocol. Reading always takes one path:
 * {@link dev.nitroattest.cbor.CborScanner} accepts the whole input first (every length and count against the bytes
 * that remain, bounded nesting, definite-length strings, valid UTF-8, no tags, no undefined), without allocating;
 * only then does a {@link dev.nitroattest.cbor.CborReader} walk it, directly or through the typed reads of a
 * {@link dev.nitroattest.cbor.CborDecoder}. {@link dev.nitroattest.cbor.CborEncoder} writes definite lengths and
 * shortest heads.
 */
package dev.nitroattest.cbor;
