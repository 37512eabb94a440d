package dev.nitroattest.attestation;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.ForgedDocument;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every malformed or forged document of the test kit, each wrong in exactly one way, is rejected with the
 * reason the kit expects, at a time when a genuine document of the same PKI verifies, and with a one-sentence
 * detail that names the field or certificate and the defect the forgery documents (not another check that
 * happened to fire first).
 */
@DisplayName("Test-kit forgeries")
class ForgeriesTest {
    private static final String LEAF = "The leaf certificate (";
    /** A full stop followed by a new sentence. */
    private static final Pattern SENTENCE_BREAK = Pattern.compile("[.!?]\\s+\\p{Lu}[a-z]* [a-z]+");

    /**
     * What each forgery's detail must contain: the field or certificate it concerns, and its defect. The test kit
     * serves other verifiers too, so this library's wording lives here and not in the kit.
     */
    private static final Map<String, List<String>> DETAILS = Map.ofEntries(
            entry("coseTag19", List.of("tag 19 at offset 0 is not the COSE_Sign1 tag 18")),
            entry("coseTag18Twice", List.of("tag 18 at offset 1 is not allowed")),
            entry("coseArrayOf3", List.of("COSE_Sign1 array ends before its signature")),
            entry("coseArrayOf5", List.of("COSE_Sign1 array has more than 4 items")),
            entry("coseMapInsteadOfArray", List.of("not a COSE_Sign1 array")),
            // A payload's bytes (binary PCRs and DER) are never valid UTF-8, so as text it fails that check first.
            entry("payloadAsTextString", List.of("text string at offset 7 is not valid UTF-8")),
            entry("payloadNull", List.of("COSE_Sign1 payload is null")),
            entry("algInUnprotectedHeader", List.of("unprotected header is not empty")),
            entry("nonEmptyUnprotectedHeader", List.of("unprotected header is not empty")),
            entry("criticalHeadersInProtectedHeader", List.of("protected header is not exactly {1: -35}")),
            entry("protectedHeaderWithoutAlg", List.of("protected header is not exactly {1: -35}")),
            entry("signature64Bytes", List.of("signature is 64 bytes")),
            entry("signature95Bytes", List.of("signature is 95 bytes")),
            entry("signature97Bytes", List.of("signature is 97 bytes")),
            entry("signatureEmpty", List.of("signature is 0 bytes")),
            entry("signatureDerEncoded", List.of("signature is 103 bytes")),
            entry("signatureAllZero", List.of("signature's r is zero")),
            entry("signatureRZero", List.of("signature's r is zero")),
            entry("signatureSEqualsOrder", List.of("signature's s is not below the P-384 group order n")),
            entry("signatureREqualsOrder", List.of("signature's r is not below the P-384 group order n")),
            entry("signatureROrderPlusOne", List.of("signature's r is not below the P-384 group order n")),
            entry("trailingByteAfterDocument", List.of("document is not well-formed CBOR: 1 trailing byte(s)")),
            entry("truncatedByOneByte", List.of("declares 96 bytes but only 95 remain")),
            entry("truncatedByHalf", List.of("string at offset 7 declares", "bytes but only")),
            entry("es256WithP256Leaf", List.of("protected header names algorithm -7")),
            entry("es512Header", List.of("protected header names algorithm -36")),
            entry("digestSha256", List.of("payload's digest is \"SHA256\"")),
            entry("leafWithP521Key", List.of(LEAF, "not on the named curve P-384", "1.3.132.0.35")),
            entry("leafWithP256Key", List.of(LEAF, "not on the named curve P-384", "1.2.840.10045.3.1.7")),
            entry("intermediateSignedWithSha256", List.of("cabundle[2] (", "signed with 1.2.840.10045.4.3.2")),
            entry("payloadChangedAfterSigning", List.of("COSE signature does not verify with the leaf")),
            entry("signedByAnotherKey", List.of("COSE signature does not verify with the leaf")),
            entry("signedOverIndefiniteSigStructure", List.of("COSE signature does not verify with the leaf")),
            entry("signedWithContextSignature", List.of("COSE signature does not verify with the leaf")),
            entry("signedWithExternalAad", List.of("COSE signature does not verify with the leaf")),
            entry("selfSignedAnchorInBundle", List.of("cabundle[0] is not a pinned trust anchor")),
            entry("leafNeverChained", List.of(LEAF, "does not carry a valid signature of the certificate above it")),
            entry("selfSignedLeafNeverChained",
                    List.of(LEAF, "does not carry a valid signature of the certificate above it")),
            entry("attackerCaAppendedToBundle", List.of("cabundle[4] (", "CN=attacker-ca", "names the issuer")),
            entry("intermediatesInWrongOrder", List.of("cabundle[1] (CN=fedcba9876543210.zonal", "names the issuer")),
            entry("intermediateNotCa", List.of("cabundle[2] (", "is not a CA")),
            entry("pathLenViolated", List.of("cabundle[3] (", "allows 0 CA(s) below it (pathLen) but has 1")),
            entry("pathLenNegative", List.of("cabundle[1] (", "negative pathLenConstraint -1")),
            entry("caWithoutKeyCertSign", List.of("cabundle[3] (", "keyUsage lacks keyCertSign")),
            entry("unknownCriticalExtensionInLeaf", List.of(LEAF, "critical extension 1.3.6.1.4.1.99999.1")),
            entry("unknownCriticalExtensionInIntermediate",
                    List.of("cabundle[2] (", "critical extension 1.3.6.1.4.1.99999.1")),
            entry("leafIsCa", List.of(LEAF, "is a CA certificate")),
            entry("leafWithoutDigitalSignature", List.of(LEAF, "lacks the keyUsage digitalSignature")),
            entry("leafIssuerNameMismatch", List.of(LEAF, "names the issuer", "CN=i-0fedcba9876543210")),
            entry("leafCertificateSignatureCorrupted", List.of(LEAF, "does not carry a valid signature")),
            entry("certificateWithTrailingByte", List.of("The leaf certificate is not a well-formed X.509")),
            entry("moduleIdMissing", List.of("payload has no module_id")),
            entry("moduleIdEmpty", List.of("payload's module_id is empty")),
            entry("moduleIdByteString", List.of("payload's module_id is a byte string")),
            entry("digestMissing", List.of("payload has no digest")),
            entry("timestampZero", List.of("payload's timestamp 0 is out of range")),
            entry("timestampNegative", List.of("payload's timestamp is a negative integer")),
            entry("timestampTextString", List.of("payload's timestamp is a text string")),
            entry("timestampHalfFloat", List.of("payload's timestamp is a float")),
            entry("pcrsMissing", List.of("payload has no pcrs")),
            entry("pcrsEmpty", List.of("payload's pcrs is empty")),
            entry("pcrs33Entries", List.of("payload's pcrs has index 32")),
            entry("pcrIndex32", List.of("payload's pcrs has index 32")),
            entry("pcr32Bytes", List.of("payload's pcrs entry 0 is 32 bytes")),
            entry("pcrTextKey", List.of("payload's pcrs has a key that is not an unsigned integer")),
            entry("certificateMissing", List.of("payload has no certificate")),
            entry("certificateEmpty", List.of("payload's certificate is 0 bytes")),
            entry("certificate1025Bytes", List.of("payload's certificate is 1025 bytes")),
            entry("cabundleMissing", List.of("payload has no cabundle")),
            entry("cabundleEmpty", List.of("payload's cabundle is empty")),
            entry("cabundleEntryEmpty", List.of("payload's cabundle entry 4 is 0 bytes")),
            entry("cabundleEntryTextString", List.of("payload's cabundle entry 4 is a text string")),
            entry("userData1025Bytes", List.of("payload's user_data is 1025 bytes")),
            entry("nonce1025Bytes", List.of("payload's nonce is 1025 bytes")),
            entry("publicKey1025Bytes", List.of("payload's public_key is 1025 bytes")),
            entry("pcrsAndNitroTpmPcrs", List.of("payload has both pcrs and nitrotpm_pcrs")),
            entry("nonceTextString", List.of("payload's nonce is a text string")),
            entry("payloadIsArray", List.of("payload is not a map")),
            entry("integerKeyInPayload", List.of("payload map has a key that is not a text string")),
            entry("duplicateNonceKey", List.of("payload map has the key \"nonce\" twice")),
            entry("duplicatePcrIndex", List.of("payload's pcrs has index 0 twice")),
            entry("byteStringKeyInPayload", List.of("payload map has a key that is not a text string")),
            entry("taggedNonce", List.of("payload is not well-formed CBOR: tag 24")),
            entry("deeplyNestedArrays", List.of("payload is not well-formed CBOR: nesting deeper than 8 levels")),
            entry("byteStringLengthBeyondInput", List.of("declares 4294967296 bytes but only 5 remain")),
            entry("mapCountBeyondInput", List.of("map at offset 0 declares 2147483647 entries")),
            entry("trailingBytesAfterPayload", List.of("payload is not well-formed CBOR: 1 trailing byte(s)")),
            entry("invalidUtf8ModuleId", List.of("payload is not well-formed CBOR: text string at offset 11")),
            entry("documentOver16KiB", List.of("document is 16385 bytes, more than the limit of 16384 bytes")));

    static Stream<Named<ForgedDocument>> forgeries() {
        return Fixtures.forgeries().stream().map(forged -> Named.of(forged.name(), forged));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    @DisplayName("is rejected with the expected reason")
    void isRejected(ForgedDocument forged) {
        DocumentRejectedException rejection =
                assertThrows(DocumentRejectedException.class, () -> Fixtures.verifier().verify(forged.bytes(), Expectations.withoutNonce()),
                        forged.description());
        assertEquals(RejectionReason.valueOf(forged.expectedReason()), rejection.reason(),
                () -> forged.description() + " -> " + rejection.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    @DisplayName("is rejected with one sentence on one line that names the field or certificate and the defect")
    void detailIsOneSentenceNamingTheDefect(ForgedDocument forged) {
        String detail = assertThrows(DocumentRejectedException.class, () -> Fixtures.verifier().verify(forged.bytes(), Expectations.withoutNonce()))
                .detail();
        assertOneSentence(detail);
        List<String> fragments = DETAILS.get(forged.name());
        assertTrue(fragments != null, "no expected detail for the forgery " + forged.name());
        for (String fragment : fragments) {
            assertTrue(detail.contains(fragment), () -> forged.name() + ": \"" + fragment + "\" not in: " + detail);
        }
    }

    @Test
    @DisplayName("every forgery has an expected detail, and every expected detail a forgery")
    void detailsCoverTheForgeries() {
        assertEquals(DETAILS.keySet(), Fixtures.forgeries().stream().map(ForgedDocument::name)
                .collect(Collectors.toSet()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leafNeverChained", "selfSignedLeafNeverChained"})
    @DisplayName("a leaf that names the root but was not signed by it fails the signature check, not the name check")
    void unchainedLeafFailsItsSignature(String name) {
        ForgedDocument forged = Fixtures.forgeries().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow();
        String detail = assertThrows(DocumentRejectedException.class, () -> Fixtures.verifier().verify(forged.bytes(), Expectations.withoutNonce()))
                .detail();
        assertTrue(detail.endsWith("does not carry a valid signature of the certificate above it."), detail);
        assertFalse(detail.contains("names the issuer"), detail);
    }

    /** Ends with a full stop, holds no line break or other control character, and no second sentence. */
    static void assertOneSentence(String detail) {
        assertTrue(detail.endsWith("."), () -> "no full stop at the end: " + detail);
        assertTrue(detail.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR), () -> "not one line: " + detail);
        assertFalse(SENTENCE_BREAK.matcher(detail).find(), () -> "more than one sentence: " + detail);
    }
}
