package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.assertUnparseable;
import static dev.nitroattest.attestation.Fixtures.document;
import static dev.nitroattest.attestation.Fixtures.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CborWriter;
import dev.nitroattest.testkit.Forgeries;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AWS specification 3.1 and 3.2.1 (COSE and CBOR), rule 1 of the verifier: the envelope profile. */
@DisplayName("3.1 COSE_Sign1 envelope")
class CoseEnvelopeTest {
    private static final BigInteger P384_ORDER = new BigInteger(
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973", 16);

    @Test
    @DisplayName("an untagged COSE_Sign1 of the NSM's exact shape verifies")
    void untaggedVerifies() throws Exception {
        byte[] bytes = document().build();
        assertEquals("8444a1013822a059", HexFormat.of().formatHex(bytes, 0, 8));
        VerifiedAttestation verified = verifier().verify(bytes, Expectations.withoutNonce());
        assertFalse(verified.document().isTagged());
    }

    @Test
    @DisplayName("the tag-18 form verifies too")
    void taggedVerifies() throws Exception {
        byte[] bytes = document().tagged(true).build();
        assertEquals((byte) 0xd2, bytes[0]);
        assertTrue(verifier().verify(bytes, Expectations.withoutNonce()).document().isTagged());
    }

    @Test
    @DisplayName("any other tag, or tag 18 twice, is MALFORMED")
    void otherTagsAreMalformed() {
        byte[] untagged = document().build();
        assertUnparseable(RejectionReason.MALFORMED, prefixed(new byte[] {(byte) 0xd3}, untagged));
        assertUnparseable(RejectionReason.MALFORMED, prefixed(new byte[] {(byte) 0xd2, (byte) 0xd2}, untagged));
        assertUnparseable(RejectionReason.MALFORMED, prefixed(new byte[] {(byte) 0xd8, 0x12}, prefixed(
                new byte[] {(byte) 0xd2}, untagged)));
    }

    @Test
    @DisplayName("the protected header must be exactly {1: -35}: another algorithm is UNSUPPORTED_ALGORITHM")
    void protectedHeaderIsExactlyEs384() {
        assertUnparseable(RejectionReason.UNSUPPORTED_ALGORITHM,
                document().protectedHeader(new CborWriter().startMap(1).uint(1).negative(-7).toByteArray()).build());
        assertUnparseable(RejectionReason.UNSUPPORTED_ALGORITHM,
                document().protectedHeader(new CborWriter().startMap(1).uint(1).negative(-36).toByteArray()).build());
        // The same map {1: -35} written with a longer integer encoding is not the profile's header.
        assertUnparseable(RejectionReason.MALFORMED,
                document().protectedHeader(new byte[] {(byte) 0xa1, 0x01, 0x39, 0x00, 0x22}).build());
        assertUnparseable(RejectionReason.MALFORMED,
                document().protectedHeader(new byte[] {(byte) 0xbf, 0x01, 0x38, 0x22, (byte) 0xff}).build());
        assertUnparseable(RejectionReason.MALFORMED, document().protectedHeader(new byte[0]).build());
    }

    @Test
    @DisplayName("the unprotected header must be an empty map; an indefinite-length empty map is still empty")
    void unprotectedHeaderIsEmpty() throws Exception {
        assertUnparseable(RejectionReason.MALFORMED,
                document().unprotectedHeader(new CborWriter().startMap(1).uint(1).negative(-35).toByteArray()).build());
        assertUnparseable(RejectionReason.MALFORMED, document().unprotectedHeader(new byte[] {0x40}).build());
        verifier().verify(document().unprotectedHeader(new byte[] {(byte) 0xbf, (byte) 0xff}).build(), Expectations.withoutNonce());
    }

    @Test
    @DisplayName("the signature is exactly 96 bytes")
    void signatureIsExactly96Bytes() {
        for (int length : new int[] {0, 64, 95, 97, 132}) {
            assertUnparseable(RejectionReason.MALFORMED, document().signature(new byte[length]).build());
        }
    }

    @Test
    @DisplayName("r and s must lie in [1, n-1] (CVE-2022-21449): zero, n or more is MALFORMED when parsing")
    void signatureComponentsInRange() {
        byte[] genuine = document().build();
        BigInteger allOnes = BigInteger.ONE.shiftLeft(384).subtract(BigInteger.ONE);
        assertUnparseable(RejectionReason.MALFORMED, withSignature(genuine, BigInteger.ZERO, BigInteger.ZERO));
        assertComponentRejected("r", "zero", withSignature(genuine, BigInteger.ZERO, s(genuine)));
        assertComponentRejected("s", "zero", withSignature(genuine, r(genuine), BigInteger.ZERO));
        assertComponentRejected("r", "not below", withSignature(genuine, P384_ORDER, s(genuine)));
        assertComponentRejected("s", "not below", withSignature(genuine, r(genuine), P384_ORDER));
        assertComponentRejected("r", "not below", withSignature(genuine, allOnes, s(genuine)));
        assertComponentRejected("s", "not below", withSignature(genuine, r(genuine), allOnes));
        // Components just inside the range parse, and then fail the signature check.
        assertRejected(RejectionReason.BAD_SIGNATURE, withSignature(genuine, BigInteger.ONE, s(genuine)));
        assertRejected(RejectionReason.BAD_SIGNATURE,
                withSignature(genuine, r(genuine), P384_ORDER.subtract(BigInteger.ONE)));
        // s + n does not fit 384 bits; what is left of it is in range and simply wrong.
        assertRejected(RejectionReason.BAD_SIGNATURE, withSignature(genuine, r(genuine), s(genuine).add(P384_ORDER)
                .mod(BigInteger.ONE.shiftLeft(384))));
    }

    private static void assertComponentRejected(String component, String problem, byte[] document) {
        String detail = assertUnparseable(RejectionReason.MALFORMED, document).detail();
        assertTrue(detail.startsWith("The signature's " + component + " is " + problem), detail);
    }

    @Test
    @DisplayName("high-S signatures verify: AWS does not normalise s, and half of genuine signatures are high")
    void highSVerifies() throws Exception {
        byte[] genuine = document().build();
        byte[] high = Forgeries.withHighS(genuine);
        byte[] low = Forgeries.withLowS(genuine);
        assertTrue(s(high).compareTo(P384_ORDER.shiftRight(1)) > 0);
        assertTrue(s(low).compareTo(P384_ORDER.shiftRight(1)) <= 0);
        verifier().verify(high, Expectations.withoutNonce());
        verifier().verify(low, Expectations.withoutNonce());
    }

    @Test
    @DisplayName("nothing may follow the COSE_Sign1, and a truncated one is MALFORMED")
    void exactlyOneItem() {
        byte[] genuine = document().build();
        assertUnparseable(RejectionReason.MALFORMED, Arrays.copyOf(genuine, genuine.length + 1));
        assertUnparseable(RejectionReason.MALFORMED, Arrays.copyOf(genuine, genuine.length - 1));
        assertUnparseable(RejectionReason.MALFORMED, new byte[] {(byte) 0x84});
        assertUnparseable(RejectionReason.MALFORMED, new byte[0]);
    }

    @Test
    @DisplayName("input over the size limit is TOO_LARGE before any parsing; the limit is configurable")
    void sizeLimitBeforeParsing() throws Exception {
        byte[] garbage = new byte[AttestationDocument.DEFAULT_MAX_SIZE + 1];
        assertUnparseable(RejectionReason.TOO_LARGE, garbage);
        assertUnparseable(RejectionReason.MALFORMED, Arrays.copyOf(garbage, AttestationDocument.DEFAULT_MAX_SIZE));

        byte[] genuine = document().build();
        AttestationVerifier tight = Fixtures.verifierBuilder().maxDocumentSize(genuine.length - 1).build();
        assertRejected(RejectionReason.TOO_LARGE, tight, genuine);
        Fixtures.verifierBuilder().maxDocumentSize(genuine.length).build().verify(genuine, Expectations.withoutNonce());
    }

    @Test
    @DisplayName("the size limit is at most what the decoder reads (1 MiB): a document of that size verifies, "
            + "a larger one is TOO_LARGE, and a larger limit is a configuration error")
    void sizeLimitIsCapped() throws Exception {
        int limit = AttestationDocument.MAX_SIZE_LIMIT;
        assertEquals(1 << 20, limit);
        assertThrows(VerifierConfigurationException.class, () -> Fixtures.verifierBuilder().maxDocumentSize(limit + 1));
        assertThrows(VerifierConfigurationException.class, () -> Fixtures.verifierBuilder().maxDocumentSize(0));
        assertThrows(VerifierConfigurationException.class,
                () -> AttestationDocument.parse(document().build(), limit + 1));
        AttestationVerifier largest = Fixtures.verifierBuilder().maxDocumentSize(limit).build();
        largest.verify(documentOfSize(limit), Expectations.withoutNonce());
        assertRejected(RejectionReason.TOO_LARGE, largest, documentOfSize(limit + 1));
    }

    /** A genuine document padded to exactly {@code size} bytes by an unknown field holding a byte string. */
    private static byte[] documentOfSize(int size) {
        int padding = size - document().build().length;
        for (int attempt = 0; attempt < 8; attempt++) {
            byte[] candidate = document().extraField("padding", new CborWriter().bytes(new byte[padding]).toByteArray())
                    .build();
            if (candidate.length == size) {
                return candidate;
            }
            padding += size - candidate.length;
        }
        throw new AssertionError("cannot pad a document to exactly " + size + " bytes");
    }

    private static byte[] prefixed(byte[] prefix, byte[] document) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + document.length);
        System.arraycopy(document, 0, out, prefix.length, document.length);
        return out;
    }

    /** The builder writes the 96-byte signature last, so its components are the document's last 96 bytes. */
    static BigInteger r(byte[] document) {
        return new BigInteger(1, Arrays.copyOfRange(document, document.length - 96, document.length - 48));
    }

    static BigInteger s(byte[] document) {
        return new BigInteger(1, Arrays.copyOfRange(document, document.length - 48, document.length));
    }

    static byte[] withSignature(byte[] document, BigInteger r, BigInteger s) {
        byte[] out = document.clone();
        System.arraycopy(fixed48(r), 0, out, out.length - 96, 48);
        System.arraycopy(fixed48(s), 0, out, out.length - 48, 48);
        return out;
    }

    private static byte[] fixed48(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[48];
        int copy = Math.min(raw.length, 48);
        System.arraycopy(raw, raw.length - copy, out, 48 - copy, copy);
        return out;
    }
}
