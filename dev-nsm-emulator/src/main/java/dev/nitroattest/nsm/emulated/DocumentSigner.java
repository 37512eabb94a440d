package dev.nitroattest.nsm.emulated;

import dev.nitroattest.cbor.CborEncoder;
import dev.nitroattest.cbor.CoseSigStructure;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * Makes attestation documents shaped like the 2026 NSM's: an untagged COSE_Sign1 with protected header
 * {@code {1: -35}} (ES384), an empty unprotected header, and a payload map of indefinite length holding all nine
 * keys in the real order, with null for the optional fields not asked for. The pcrs map and the cabundle array are
 * indefinite too; the signature covers the definite-length Sig_structure.
 */
final class DocumentSigner {
    private static final byte[] PROTECTED_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};

    private DocumentSigner() {}

    static byte[] sign(SigningCredentials credentials, String moduleId, Instant timestamp,
            SortedMap<Integer, byte[]> pcrs, byte[] userData, byte[] nonce, byte[] publicKey) {
        byte[] payload = payload(credentials, moduleId, timestamp, pcrs, userData, nonce, publicKey);
        byte[] toBeSigned = CoseSigStructure.encode(PROTECTED_HEADER, payload);
        return new CborEncoder()
                .array(4)
                .bytes(PROTECTED_HEADER)
                .map(0)
                .bytes(payload)
                .bytes(credentials.leafKey().signRaw(toBeSigned))
                .toByteArray();
    }

    private static byte[] payload(SigningCredentials credentials, String moduleId, Instant timestamp,
            SortedMap<Integer, byte[]> pcrs, byte[] userData, byte[] nonce, byte[] publicKey) {
        CborEncoder out = new CborEncoder().indefiniteMap()
                .text("module_id").text(moduleId)
                .text("digest").text("SHA384")
                .text("timestamp").uint64(timestamp.toEpochMilli())
                .text("pcrs").indefiniteMap();
        for (Map.Entry<Integer, byte[]> pcr : pcrs.entrySet()) {
            out.uint(pcr.getKey()).bytes(pcr.getValue());
        }
        out.end()
                .text("certificate").bytes(credentials.leafCertificate())
                .text("cabundle").indefiniteArray();
        credentials.cabundle().forEach(out::bytes);
        return out.end()
                .text("public_key").bytesOrNull(publicKey)
                .text("user_data").bytesOrNull(userData)
                .text("nonce").bytesOrNull(nonce)
                .end()
                .toByteArray();
    }
}
