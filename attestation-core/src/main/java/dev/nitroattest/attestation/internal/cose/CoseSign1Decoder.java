package dev.nitroattest.attestation.internal.cose;

import dev.nitroattest.attestation.internal.DocumentField;
import dev.nitroattest.attestation.internal.Fault;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.attestation.internal.crypto.P384;
import dev.nitroattest.cbor.CborException;
import dev.nitroattest.cbor.CborHead;
import dev.nitroattest.cbor.CborReader;
import dev.nitroattest.cbor.CborScanner;
import dev.nitroattest.cbor.CborToken;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Decodes the COSE_Sign1 envelope of an attestation document, accepting exactly one profile: an untagged
 * or tag-18 array of four items, the protected header {1: -35} (ES384) encoded as {@code a1 01 38 22}, an
 * empty unprotected header, a byte-string payload and a 96-byte signature whose r and s lie in [1, n-1].
 */
public final class CoseSign1Decoder {
    /** The protected header every genuine document carries: the map {1: -35}, alg = ES384. */
    static final byte[] ES384_PROTECTED_HEADER = {(byte) 0xa1, 0x01, 0x38, 0x22};
    /** COSE's header label for the algorithm. */
    private static final int ALG_LABEL = 1;
    private static final int ES384 = -35;
    public static final int SIGNATURE_LENGTH = 96;
    private static final int COMPONENT_LENGTH = SIGNATURE_LENGTH / 2;
    /** The envelope is an array holding at most a map and byte strings: two levels. */
    private static final int MAX_DEPTH = 2;

    private CoseSign1Decoder() {
    }

    public static CoseSign1 decode(byte[] document) throws Rejection {
        try {
            CborScanner.scan(document, MAX_DEPTH, true);
        } catch (CborException e) {
            throw malformed(DocumentField.COSE_SIGN1, "The document is not well-formed CBOR: " + e.getMessage() + ".");
        }
        try {
            CborReader reader = new CborReader(document);
            if (reader.next() != CborToken.ARRAY_START) {
                throw malformed(DocumentField.COSE_SIGN1, "The document is not a COSE_Sign1 array.");
            }
            boolean tagged = CborHead.majorType(document[0]) == CborHead.TAG;
            byte[] protectedHeader = expectBytes(reader, DocumentField.COSE_PROTECTED_HEADER, "protected header");
            expectEmptyMap(reader);
            byte[] payload = expectBytes(reader, DocumentField.COSE_PAYLOAD, "payload");
            byte[] signature = expectBytes(reader, DocumentField.COSE_SIGNATURE, "signature");
            if (reader.next() != CborToken.END) {
                throw malformed(DocumentField.COSE_SIGN1, "The COSE_Sign1 array has more than 4 items.");
            }
            // Nothing follows the array: the scan above refused trailing bytes already.
            checkProtectedHeader(protectedHeader);
            if (signature.length != SIGNATURE_LENGTH) {
                throw malformed(DocumentField.COSE_SIGNATURE,
                        "The signature is " + signature.length + " bytes; ES384 signatures are exactly "
                        + SIGNATURE_LENGTH + " bytes (r || s).");
            }
            return new CoseSign1(tagged, payload, signature, component(signature, 0, "r"),
                    component(signature, COMPONENT_LENGTH, "s"));
        } catch (CborException e) {
            throw malformed(DocumentField.COSE_SIGN1, "The COSE_Sign1 " + e.getMessage() + ".");
        }
    }

    /**
     * The signature component at {@code offset}, which must lie in [1, n-1]: no ECDSA signature has another
     * value, and refusing it here keeps zero and oversized components (CVE-2022-21449) away from any
     * arithmetic.
     */
    private static BigInteger component(byte[] signature, int offset, String name) throws Rejection {
        BigInteger value = new BigInteger(1, signature, offset, COMPONENT_LENGTH);
        if (value.signum() == 0) {
            throw malformed(DocumentField.COSE_SIGNATURE,
                    "The signature's " + name + " is zero; an ECDSA signature component lies in 1 to n-1.");
        }
        if (!P384.isValidSignatureComponent(value)) {
            throw malformed(DocumentField.COSE_SIGNATURE,
                    "The signature's " + name + " is not below the P-384 group order n; an ECDSA signature "
                    + "component lies in 1 to n-1.");
        }
        return value;
    }

    /**
     * The next item, a byte string.
     *
     * @param element what the item is, which locates a rejection
     * @param part how the sentence names it after "The COSE_Sign1"
     */
    private static byte[] expectBytes(CborReader reader, DocumentField element, String part)
            throws CborException, Rejection {
        CborToken token = reader.next();
        if (token == CborToken.END) {
            throw malformed(element, "The COSE_Sign1 array ends before its " + part
                    + "; it must hold exactly 4 items.");
        }
        if (token != CborToken.BYTES) {
            throw malformed(element, "The COSE_Sign1 " + part + " is " + token.description() + ", not a byte string.");
        }
        return reader.bytes();
    }

    private static void expectEmptyMap(CborReader reader) throws CborException, Rejection {
        CborToken token = reader.next();
        if (token == CborToken.END) {
            throw malformed(DocumentField.COSE_UNPROTECTED_HEADER,
                    "The COSE_Sign1 array ends before its unprotected header; it must hold exactly 4 items.");
        }
        if (token != CborToken.MAP_START) {
            throw malformed(DocumentField.COSE_UNPROTECTED_HEADER,
                    "The COSE_Sign1 unprotected header is " + token.description() + ", not a map.");
        }
        if (reader.next() != CborToken.END) {
            throw malformed(DocumentField.COSE_UNPROTECTED_HEADER,
                    "The COSE_Sign1 unprotected header is not empty; this profile carries every header "
                    + "in the protected header.");
        }
    }

    private static void checkProtectedHeader(byte[] header) throws Rejection {
        if (Arrays.equals(header, ES384_PROTECTED_HEADER)) {
            return;
        }
        Long algorithm = algorithmIn(header);
        if (algorithm != null && algorithm != ES384) {
            throw Rejection.of(Fault.UNSUPPORTED_ALGORITHM, DocumentField.COSE_PROTECTED_HEADER,
                    "The COSE protected header names algorithm " + algorithm + "; only ES384 (-35) is accepted.");
        }
        throw malformed(DocumentField.COSE_PROTECTED_HEADER,
                "The COSE protected header is not exactly {1: -35} (ES384).");
    }

    /** The alg label's integer value if the header is a map that has one, for a precise rejection. */
    private static Long algorithmIn(byte[] header) {
        try {
            CborScanner.scan(header, 1, false);
            CborReader reader = new CborReader(header);
            if (reader.next() != CborToken.MAP_START) {
                return null;
            }
            while (reader.next() == CborToken.KEY) {
                boolean isAlg = reader.keyMajorType() == CborHead.UNSIGNED && reader.integerArgument() == ALG_LABEL;
                CborToken value = reader.next();
                if (isAlg && (value == CborToken.NEGATIVE || value == CborToken.UNSIGNED)) {
                    long argument = reader.integerArgument();
                    if (argument < 0) {
                        return null;
                    }
                    return value == CborToken.NEGATIVE ? -1 - argument : argument;
                }
                reader.skipValue();
            }
            return null;
        } catch (CborException e) {
            return null;
        }
    }

    private static Rejection malformed(DocumentField element, String detail) {
        return Rejection.of(Fault.MALFORMED, element, detail);
    }
}
