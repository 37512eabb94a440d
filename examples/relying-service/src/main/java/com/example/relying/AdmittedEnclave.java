package com.example.relying;

import dev.nitroattest.bytes.Bytes;
import java.time.Instant;

/**
 * An enclave the service admitted.
 *
 * @param moduleId the NSM's module id (instance and enclave)
 * @param publicKey the key the enclave put in its document, to encrypt to it or check its signatures; null if none
 * @param attestedAt when the NSM signed the document
 */
public record AdmittedEnclave(String moduleId, Bytes publicKey, Instant attestedAt) {
}
