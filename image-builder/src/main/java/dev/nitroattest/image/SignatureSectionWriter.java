package dev.nitroattest.image;

import dev.nitroattest.cbor.CborEncoder;
import dev.nitroattest.cbor.CoseSigStructure;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The signature section of a signed image, in the format of nitro-cli (aws-nitro-enclaves-image-format, {@code
 * src/defs/mod.rs} and {@code src/utils/eif_signer.rs}; the COSE_Sign1 of aws-nitro-enclaves-cose, {@code
 * src/sign.rs}), as serde_cbor writes it:
 * <pre>
 * [ { "signing_certificate": [the certificate's PEM bytes, each an integer],
 *     "signature": [the COSE_Sign1's bytes, each an integer] } ]
 * COSE_Sign1 (untagged) = [ bstr({1: -35}), {}, bstr(payload), bstr(r || s) ]
 * payload = { "register_index": 0, "register_value": [PCR0's 48 bytes, each an integer] }
 * signed: SHA-384 of Sig_structure = [ "Signature1", bstr({1: -35}), bstr(), bstr(payload) ]
 * </pre>
 * serde writes a {@code Vec<u8>} as an array of unsigned integers, not a byte string, and every head in its
 * shortest form, as foundation's {@link CborEncoder} does; the Sig_structure is foundation's {@link CoseSigStructure},
 * the one the verifier hashes. Only PCR0 is signed, as nitro-cli signs only PCR0.
 */
final class SignatureSectionWriter {
    /** The protected header {1: -35}: algorithm ES384. */
    private static final byte[] PROTECTED = {(byte) 0xa1, 0x01, 0x38, 0x22};

    private SignatureSectionWriter() {
    }

    /** The section's bytes for an image whose PCR0 is this. */
    static byte[] section(ImageSigningKey key, byte[] pcr0) {
        byte[] payload = integers(new CborEncoder().map(2).text("register_index").uint(0).text("register_value"),
                pcr0).toByteArray();
        byte[] signature = P384.signDigest(key.privateScalar(), sha384(CoseSigStructure.encode(PROTECTED, payload)));
        byte[] coseSign1 = new CborEncoder().array(4).bytes(PROTECTED).map(0).bytes(payload).bytes(signature)
                .toByteArray();
        CborEncoder section = new CborEncoder().array(1).map(2).text("signing_certificate");
        integers(section, key.certificatePem()).text("signature");
        return integers(section, coseSign1).toByteArray();
    }

    /** A byte vector as serde writes it: an array of unsigned integers. */
    private static CborEncoder integers(CborEncoder encoder, byte[] bytes) {
        encoder.array(bytes.length);
        for (byte b : bytes) {
            encoder.uint(b & 0xff);
        }
        return encoder;
    }

    private static byte[] sha384(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-384", e);
        }
    }
}
