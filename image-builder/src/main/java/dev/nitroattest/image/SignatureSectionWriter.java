package dev.nitroattest.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
 * shortest form. Only PCR0 is signed, as nitro-cli signs only PCR0.
 */
final class SignatureSectionWriter {
    /** The protected header {1: -35}: algorithm ES384. */
    private static final byte[] PROTECTED = {(byte) 0xa1, 0x01, 0x38, 0x22};
    private static final int UNSIGNED = 0;
    private static final int BYTES = 2;
    private static final int TEXT = 3;
    private static final int ARRAY = 4;
    private static final int MAP = 5;

    private SignatureSectionWriter() {
    }

    /** The section's bytes for an image whose PCR0 is this. */
    static byte[] section(ImageSigningKey key, byte[] pcr0) {
        Cbor payload = new Cbor().head(MAP, 2).text("register_index").head(UNSIGNED, 0).text("register_value")
                .integers(pcr0);
        byte[] payloadBytes = payload.toByteArray();
        byte[] sigStructure = new Cbor().head(ARRAY, 4).text("Signature1").bytes(PROTECTED).bytes(new byte[0])
                .bytes(payloadBytes).toByteArray();
        byte[] signature = P384.signDigest(key.privateScalar(), sha384(sigStructure));
        byte[] coseSign1 = new Cbor().head(ARRAY, 4).bytes(PROTECTED).head(MAP, 0).bytes(payloadBytes)
                .bytes(signature).toByteArray();
        return new Cbor().head(ARRAY, 1).head(MAP, 2)
                .text("signing_certificate").integers(key.certificatePem())
                .text("signature").integers(coseSign1)
                .toByteArray();
    }

    private static byte[] sha384(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-384", e);
        }
    }

    /** The few CBOR items the section needs, each head in its shortest form (RFC 8949, section 4.2.1). */
    private static final class Cbor {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Cbor head(int majorType, long argument) {
            int type = majorType << 5;
            if (argument < 24) {
                out.write(type | (int) argument);
            } else if (argument < 0x100) {
                out.write(type | 24);
                out.write((int) argument);
            } else if (argument < 0x10000) {
                out.write(type | 25);
                out.write((int) (argument >>> 8));
                out.write((int) argument);
            } else {
                // A section is at most a few kilobytes: four bytes of length are always enough.
                out.write(type | 26);
                for (int shift = 24; shift >= 0; shift -= 8) {
                    out.write((int) (argument >>> shift));
                }
            }
            return this;
        }

        Cbor text(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            head(TEXT, utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        Cbor bytes(byte[] bytes) {
            head(BYTES, bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        /** A byte vector as serde writes it: an array of unsigned integers. */
        Cbor integers(byte[] bytes) {
            head(ARRAY, bytes.length);
            for (byte b : bytes) {
                head(UNSIGNED, b & 0xff);
            }
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
