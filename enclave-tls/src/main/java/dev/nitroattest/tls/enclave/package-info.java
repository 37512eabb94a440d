/**
 * Attested TLS inside the enclave: {@link dev.nitroattest.tls.enclave.AttestedIdentity} makes a key pair and a
 * certificate carrying an NSM attestation document that binds it, keeps both fresh, and serves them through {@link
 * dev.nitroattest.tls.enclave.AttestedKeyManager} to any JSSE server (or client, for enclave-to-enclave TLS).
 */
package dev.nitroattest.tls.enclave;
