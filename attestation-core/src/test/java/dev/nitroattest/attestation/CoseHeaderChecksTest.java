package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.assertUnparseable;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CborWriter;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The COSE decoder's header checks, each pinned by the reason, the field and the words of its rejection: the
 * protected header's alg (another algorithm is UNSUPPORTED_ALGORITHM, anything else not exactly {1: -35} is
 * MALFORMED) and the unprotected header (present, a map, empty). A check that fired with another reason or named
 * another element would fail here.
 */
@DisplayName("3.1 COSE headers: each check's reason, field and words")
class CoseHeaderChecksTest {
    private static final String PROTECTED = "COSE protected header";
    private static final String UNPROTECTED = "COSE unprotected header";

    @ParameterizedTest(name = "{0} names algorithm {1}")
    @CsvSource({
        "a10126, -7",          // {1: -7}, ES256
        "a10107, 7",           // {1: 7}: a positive alg is an algorithm too
        "a10100, 0",           // {1: 0}: argument 0 of major type 0
        "a10120, -1",          // {1: -1}: argument 0 of major type 1
        "a2044101013823, -36", // {4: h'01', 1: -36}: alg after another label
        "bf013823ff, -36"})    // indefinite-length map
    @DisplayName("a protected header naming another algorithm is UNSUPPORTED_ALGORITHM, naming it")
    void anotherAlgorithmIsUnsupported(String header, long algorithm) {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.UNSUPPORTED_ALGORITHM,
                document().protectedHeader(hex(header)).build());
        assertEquals(Optional.of(PROTECTED), rejection.field());
        assertTrue(rejection.detail().contains("names algorithm " + algorithm + ";"), rejection.detail());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a2013822044101",            // {1: -35, 4: h'01'}: ES384 with another label
        "a101654553333834",          // {1: "ES384"}
        "a10026",                    // {0: -7}: label 0 is not alg
        "a12026",                    // {-1: -7}: a negative label is not alg, even of argument 0
        "a1213822",                  // {-2: -35}: argument 1 of major type 1 is not label 1
        "a1013bffffffffffffffff",    // {1: -2^64}: below any long
        "a1015bffffffffffffffff",    // alg's value a byte string longer than the header: not well-formed
        "a10138",                    // truncated
        "01",                        // not a map
        "8101"})                     // an array
    @DisplayName("a protected header that names no other algorithm but is not exactly {1: -35} is MALFORMED")
    void notExactlyEs384IsMalformed(String header) {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED,
                document().protectedHeader(hex(header)).build());
        assertEquals(Optional.of(PROTECTED), rejection.field());
        assertTrue(rejection.detail().contains("not exactly {1: -35}"), rejection.detail());
    }

    @Test
    @DisplayName("an unprotected header that is not a map is MALFORMED, said of the unprotected header")
    void unprotectedHeaderNotAMap() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED,
                document().unprotectedHeader(new byte[] {0x40}).build());
        assertEquals(Optional.of(UNPROTECTED), rejection.field());
        assertTrue(rejection.detail().contains("unprotected header is a byte string, not a map"), rejection.detail());
    }

    @Test
    @DisplayName("an unprotected header with an entry is MALFORMED, said of the unprotected header")
    void unprotectedHeaderNotEmpty() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED,
                document().unprotectedHeader(hex("a10126")).build());
        assertEquals(Optional.of(UNPROTECTED), rejection.field());
        assertTrue(rejection.detail().contains("unprotected header is not empty"), rejection.detail());
    }

    @Test
    @DisplayName("an array that ends before the unprotected header is MALFORMED, said of the unprotected header")
    void arrayEndsBeforeUnprotectedHeader() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED,
                new CborWriter().startArray(1).bytes(hex("a1013822")).toByteArray());
        assertEquals(Optional.of(UNPROTECTED), rejection.field());
        assertTrue(rejection.detail().contains("ends before its unprotected header"), rejection.detail());
    }

    @Test
    @DisplayName("an array that ends before the payload is MALFORMED, said of the payload")
    void arrayEndsBeforePayload() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED,
                new CborWriter().startArray(2).bytes(hex("a1013822")).startMap(0).toByteArray());
        assertEquals(Optional.of("COSE payload"), rejection.field());
        assertTrue(rejection.detail().contains("ends before its payload"), rejection.detail());
    }

    @Test
    @DisplayName("a protected header that is not a byte string is MALFORMED, said of the protected header")
    void protectedHeaderNotBytes() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED,
                new CborWriter().startArray(4).startMap(0).startMap(0).bytes(new byte[1]).bytes(new byte[96])
                        .toByteArray());
        assertEquals(Optional.of(PROTECTED), rejection.field());
        assertTrue(rejection.detail().contains("protected header is a map, not a byte string"), rejection.detail());
    }

    @Test
    @DisplayName("a signature of the wrong length is MALFORMED, said of the signature")
    void signatureLength() {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED,
                document().signature(new byte[95]).build());
        assertEquals(Optional.of("COSE signature"), rejection.field());
    }

    @Test
    @DisplayName("a fifth item is MALFORMED, said of the COSE_Sign1")
    void fifthItem() {
        byte[] valid = document().build();
        byte[] five = new byte[valid.length + 1];
        System.arraycopy(valid, 0, five, 0, valid.length);
        five[0] = (byte) 0x85;
        five[valid.length] = 0x00;
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED, five);
        assertEquals(Optional.of("COSE_Sign1"), rejection.field());
        assertTrue(rejection.detail().contains("more than 4 items"), rejection.detail());
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
