/**
 * The enclave application's side of a secret: {@link dev.nitroattest.secrets.enclave.AttestedRecipient} joins a
 * recipient key made in the enclave to the NSM that attests it. This module pulls in the NSM's JNA binding; relying
 * services depend on attestation-secrets alone.
 */
package dev.nitroattest.secrets.enclave;
