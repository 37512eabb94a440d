package dev.nitroattest.attestation.internal.payload;

import java.util.List;
import java.util.Map;

/**
 * The payload's fields as decoded and bound-checked, not yet verified. Arrays are owned by this value;
 * the public API copies them into {@code Bytes} and never hands them out.
 *
 * @param nitroTpm whether the PCRs came under nitrotpm_pcrs (a NitroTPM document) rather than pcrs
 * @param pcrs PCR values by index; {@code null} where the document has no such index
 * @param publicKey {@code null} when absent or null in the document
 * @param unknownFields keys this library does not know, with their values' raw CBOR encoding
 */
public record DecodedPayload(
        boolean nitroTpm,
        String moduleId,
        String digest,
        long timestampMillis,
        byte[][] pcrs,
        byte[] certificate,
        List<byte[]> cabundle,
        byte[] publicKey,
        byte[] userData,
        byte[] nonce,
        Map<String, byte[]> unknownFields) {
}
