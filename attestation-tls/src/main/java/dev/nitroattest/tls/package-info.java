/**
 * Attested TLS for relying services: {@link dev.nitroattest.tls.AttestedTrustManager} accepts a peer only when its
 * certificate carries an attestation document (the {@link dev.nitroattest.tls.AttestationExtension}) that the
 * caller's verifier accepts and that binds the certificate's key; {@link dev.nitroattest.tls.AttestedTls} makes the
 * {@link javax.net.ssl.SSLContext} for any Java client and names why a handshake was refused; {@link
 * dev.nitroattest.tls.NonceAttestation} pins the key of a document fetched for the caller's own nonce. The enclave
 * side (the key, its certificate and their rotation) is the enclave-tls module.
 */
package dev.nitroattest.tls;
