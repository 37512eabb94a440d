/**
 * {@code nitro-attest tls}: connects to an attested enclave's TLS server, takes its certificate from a real
 * handshake and verifies the attestation document in it with the options of {@code verify}.
 */
package dev.nitroattest.cli.tls;
