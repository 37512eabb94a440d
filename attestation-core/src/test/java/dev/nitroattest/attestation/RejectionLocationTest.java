package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.PKI;
import static dev.nitroattest.attestation.Fixtures.document;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.attestation.internal.CertificatePosition;
import dev.nitroattest.attestation.internal.DocumentField;
import dev.nitroattest.attestation.internal.Rejection;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.ForgedDocument;
import dev.nitroattest.testkit.IssuedCertificate;
import dev.nitroattest.testkit.TestCertificates;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejection carries the location docs/verification.md promises, given as data where the rejection is made: the
 * payload field or COSE element, and for a certificate of the bundle its index. Each forgery of the test kit and each
 * further rejection the decoders and the chain make is checked here; the location never depends on the sentence.
 */
@DisplayName("Rejection locations")
class RejectionLocationTest {
    /** The vocabulary docs/verification.md lists as a closed set. */
    private static final Set<String> DOCUMENTED_FIELDS = Set.of("module_id", "digest", "timestamp", "pcrs",
            "nitrotpm_pcrs", "certificate", "cabundle", "public_key", "user_data", "nonce", "COSE_Sign1",
            "COSE protected header", "COSE unprotected header", "COSE payload", "COSE signature");

    private static final Where COSE_SIGN1 = field("COSE_Sign1");
    private static final Where PROTECTED = field("COSE protected header");
    private static final Where UNPROTECTED = field("COSE unprotected header");
    private static final Where SIGNATURE = field("COSE signature");
    private static final Where LEAF = field("certificate");
    private static final Where WHOLE_PAYLOAD = new Where(null, null);

    /** Where each forgery's fault is. */
    private static final Map<String, Where> FORGERIES = Map.ofEntries(
            entry("coseTag19", COSE_SIGN1),
            entry("coseTag18Twice", COSE_SIGN1),
            entry("coseArrayOf3", SIGNATURE),
            entry("coseArrayOf5", COSE_SIGN1),
            entry("coseMapInsteadOfArray", COSE_SIGN1),
            entry("payloadAsTextString", COSE_SIGN1),
            entry("payloadNull", field("COSE payload")),
            entry("algInUnprotectedHeader", UNPROTECTED),
            entry("nonEmptyUnprotectedHeader", UNPROTECTED),
            entry("criticalHeadersInProtectedHeader", PROTECTED),
            entry("protectedHeaderWithoutAlg", PROTECTED),
            entry("signature64Bytes", SIGNATURE),
            entry("signature95Bytes", SIGNATURE),
            entry("signature97Bytes", SIGNATURE),
            entry("signatureEmpty", SIGNATURE),
            entry("signatureDerEncoded", SIGNATURE),
            entry("signatureAllZero", SIGNATURE),
            entry("signatureRZero", SIGNATURE),
            entry("signatureSEqualsOrder", SIGNATURE),
            entry("signatureREqualsOrder", SIGNATURE),
            entry("signatureROrderPlusOne", SIGNATURE),
            entry("trailingByteAfterDocument", COSE_SIGN1),
            entry("truncatedByOneByte", COSE_SIGN1),
            entry("truncatedByHalf", COSE_SIGN1),
            entry("es256WithP256Leaf", PROTECTED),
            entry("es512Header", PROTECTED),
            entry("digestSha256", field("digest")),
            entry("leafWithP521Key", LEAF),
            entry("leafWithP256Key", LEAF),
            entry("intermediateSignedWithSha256", bundle(2)),
            entry("payloadChangedAfterSigning", SIGNATURE),
            entry("signedByAnotherKey", SIGNATURE),
            entry("signedOverIndefiniteSigStructure", SIGNATURE),
            entry("signedWithContextSignature", SIGNATURE),
            entry("signedWithExternalAad", SIGNATURE),
            entry("selfSignedAnchorInBundle", bundle(0)),
            entry("leafNeverChained", LEAF),
            entry("selfSignedLeafNeverChained", LEAF),
            entry("attackerCaAppendedToBundle", bundle(4)),
            entry("intermediatesInWrongOrder", bundle(1)),
            entry("intermediateNotCa", bundle(2)),
            entry("pathLenViolated", bundle(3)),
            entry("pathLenNegative", bundle(1)),
            entry("caWithoutKeyCertSign", bundle(3)),
            entry("unknownCriticalExtensionInLeaf", LEAF),
            entry("unknownCriticalExtensionInIntermediate", bundle(2)),
            entry("leafIsCa", LEAF),
            entry("leafWithoutDigitalSignature", LEAF),
            entry("leafIssuerNameMismatch", LEAF),
            entry("leafCertificateSignatureCorrupted", LEAF),
            entry("certificateWithTrailingByte", LEAF),
            entry("moduleIdMissing", field("module_id")),
            entry("moduleIdEmpty", field("module_id")),
            entry("moduleIdByteString", field("module_id")),
            entry("digestMissing", field("digest")),
            entry("timestampZero", field("timestamp")),
            entry("timestampNegative", field("timestamp")),
            entry("timestampTextString", field("timestamp")),
            entry("timestampHalfFloat", field("timestamp")),
            entry("pcrsMissing", field("pcrs")),
            entry("pcrsEmpty", field("pcrs")),
            entry("pcrs33Entries", field("pcrs")),
            entry("pcrIndex32", field("pcrs")),
            entry("pcr32Bytes", field("pcrs")),
            entry("pcrTextKey", field("pcrs")),
            entry("certificateMissing", LEAF),
            entry("certificateEmpty", LEAF),
            entry("certificate1025Bytes", LEAF),
            entry("cabundleMissing", field("cabundle")),
            entry("cabundleEmpty", field("cabundle")),
            entry("cabundleEntryEmpty", bundle(4)),
            entry("cabundleEntryTextString", bundle(4)),
            entry("userData1025Bytes", field("user_data")),
            entry("nonce1025Bytes", field("nonce")),
            entry("publicKey1025Bytes", field("public_key")),
            entry("pcrsAndNitroTpmPcrs", WHOLE_PAYLOAD),
            entry("nonceTextString", field("nonce")),
            entry("payloadIsArray", WHOLE_PAYLOAD),
            entry("integerKeyInPayload", WHOLE_PAYLOAD),
            entry("duplicateNonceKey", WHOLE_PAYLOAD),
            entry("duplicatePcrIndex", field("pcrs")),
            entry("byteStringKeyInPayload", WHOLE_PAYLOAD),
            entry("taggedNonce", WHOLE_PAYLOAD),
            entry("deeplyNestedArrays", WHOLE_PAYLOAD),
            entry("byteStringLengthBeyondInput", WHOLE_PAYLOAD),
            entry("mapCountBeyondInput", WHOLE_PAYLOAD),
            entry("trailingBytesAfterPayload", WHOLE_PAYLOAD),
            entry("invalidUtf8ModuleId", WHOLE_PAYLOAD),
            entry("documentOver16KiB", WHOLE_PAYLOAD));

    static Stream<Named<ForgedDocument>> forgeries() {
        return Fixtures.forgeries().stream().map(forged -> Named.of(forged.name(), forged));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    @DisplayName("each forgery of the test kit is located where its fault is")
    void eachForgeryIsLocated(ForgedDocument forged) {
        Where expected = FORGERIES.get(forged.name());
        assertTrue(expected != null, "no expected location for the forgery " + forged.name());
        assertLocated(expected, forged::bytes);
    }

    @Test
    @DisplayName("every forgery has an expected location, and every expected location a forgery")
    void locationsCoverTheForgeries() {
        assertEquals(FORGERIES.keySet(), Fixtures.forgeries().stream().map(ForgedDocument::name)
                .collect(Collectors.toSet()));
    }

    /** The decoders' and the chain's rejections that no forgery of the kit reaches. */
    static Stream<Named<Case>> furtherRejections() {
        List<byte[]> nineCertificates = new ArrayList<>(PKI.cabundle());
        while (nineCertificates.size() < 9) {
            nineCertificates.add(PKI.zonal().der());
        }
        DocumentBuilder manyUnknownKeys = document();
        for (int i = 0; i < 33; i++) {
            manyUnknownKeys.extraField("unknown" + i, hex("f6"));
        }
        return Stream.of(
                named("a PCR that is not a byte string", field("pcrs"),
                        () -> document().rawField("pcrs", hex("a3 00 6178 01 5830" + "00".repeat(48)
                                + " 02 5830" + "00".repeat(48))).build()),
                named("a NitroTPM PCR of 32 bytes", field("nitrotpm_pcrs"),
                        () -> document().nitroTpm().pcr(3, new byte[32]).build()),
                named("a cabundle that is not an array", field("cabundle"),
                        () -> document().rawField("cabundle", hex("a0")).build()),
                named("a cabundle of 9 certificates", field("cabundle"),
                        () -> document().cabundle(nineCertificates).build()),
                named("a certificate field that is a text string", LEAF,
                        () -> document().rawField("certificate", hex("6178")).build()),
                named("a user_data that is a map", field("user_data"),
                        () -> document().rawField("user_data", hex("a0")).build()),
                named("a public_key that is a text string", field("public_key"),
                        () -> document().rawField("public_key", hex("6178")).build()),
                named("33 unknown keys", WHOLE_PAYLOAD, manyUnknownKeys::build),
                named("a digest that is an integer", field("digest"),
                        () -> document().rawField("digest", hex("01")).build()),
                named("a certificate of the bundle that is not a certificate", bundle(3),
                        () -> withBundleEntry(3, new byte[] {0x30, 0x00})),
                named("a certificate of the bundle that is not DER", bundle(1),
                        () -> withBundleEntry(1, notDer(PKI.cabundle().get(1)))),
                named("a leaf that is not DER", LEAF,
                        () -> document().certificate(notDer(PKI.leaf().der())).build()),
                named("a protected header with another algorithm", PROTECTED,
                        () -> document().protectedHeader(hex("a1 01 26")).build()),
                named("an unprotected header that is not a map", UNPROTECTED,
                        () -> document().unprotectedHeader(hex("40")).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("furtherRejections")
    @DisplayName("each further rejection of the decoders and the chain is located where its fault is")
    void eachFurtherRejectionIsLocated(Case rejection) {
        assertLocated(rejection.where(), rejection.document());
    }

    @Test
    @DisplayName("an expired certificate of the bundle carries its index; the expired anchor is cabundle[0]")
    void expiredCertificatesCarryTheirIndex() {
        List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
        IssuedCertificate shortRoot = TestCertificates.issue(PKI.root().spec().toBuilder()
                .validity(PKI.root().notBefore(), Fixtures.DOCUMENT_TIME.minus(Duration.ofMinutes(1))).build());
        bundle.set(0, shortRoot.der());
        AttestationVerifier verifier = AttestationVerifier.builder().trustAnchors(TrustAnchor.fromDer(shortRoot.der()))
                .acceptAnyEnclaveImage()
                .clock(java.time.Clock.fixed(Fixtures.DOCUMENT_TIME, java.time.ZoneOffset.UTC)).anyAge().build();
        DocumentRejectedException anchor = assertThrows(DocumentRejectedException.class,
                () -> verifier.verify(document().cabundle(bundle).build(), Expectations.withoutNonce()));
        assertEquals(RejectionReason.CERTIFICATE_EXPIRED, anchor.reason(), anchor.detail());
        assertTrue(anchor.detail().startsWith("The trust anchor"), anchor.detail());
        assertEquals(bundle(0), Where.of(anchor));
    }

    @Test
    @DisplayName("rejections are made with their location: no factory takes a sentence alone")
    void noRejectionIsLocatedByItsSentence() {
        assertTrue(Arrays.stream(Rejection.class.getConstructors()).findAny().isEmpty(),
                "Rejection has a public constructor");
        List<Method> factories = Arrays.stream(Rejection.class.getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers()))
                .toList();
        assertTrue(!factories.isEmpty());
        for (Method factory : factories) {
            assertTrue(Arrays.stream(factory.getParameterTypes()).anyMatch(type -> type == DocumentField.class
                    || type == CertificatePosition.class), factory + " takes no location");
        }
        assertEquals(DOCUMENTED_FIELDS, Arrays.stream(DocumentField.values()).map(DocumentField::wireName)
                .collect(Collectors.toSet()), "the closed vocabulary of docs/verification.md");
    }

    @Test
    @DisplayName("a certificate's position says its field and index; a pinned anchor being loaded has neither")
    void certificatePositions() {
        Rejection entry = Rejection.ofCertificate(dev.nitroattest.attestation.internal.Fault.UNTRUSTED_CHAIN,
                CertificatePosition.inBundle(7), "The leaf certificate is worded as another one.");
        assertEquals(DocumentField.CABUNDLE, entry.field());
        assertEquals(7, entry.certificateIndex());
        Rejection leaf = Rejection.ofCertificate(dev.nitroattest.attestation.internal.Fault.UNTRUSTED_CHAIN,
                CertificatePosition.LEAF, "cabundle[3] is what this sentence says, and is not read.");
        assertEquals(DocumentField.CERTIFICATE, leaf.field());
        assertEquals(-1, leaf.certificateIndex());
        Rejection anchor = Rejection.ofCertificate(dev.nitroattest.attestation.internal.Fault.UNTRUSTED_CHAIN,
                CertificatePosition.PINNED_ANCHOR, "cabundle[0] is named here.");
        assertEquals(null, anchor.field());
        assertEquals(-1, anchor.certificateIndex());
    }

    private static void assertLocated(Where expected, Supplier<byte[]> document) {
        byte[] bytes = document.get();
        DocumentRejectedException rejection = assertThrows(DocumentRejectedException.class,
                () -> Fixtures.verifier().verify(bytes, Expectations.withoutNonce()));
        assertEquals(expected, Where.of(rejection), rejection.detail());
        rejection.field().ifPresent(name -> assertTrue(DOCUMENTED_FIELDS.contains(name), name));
        assertTrue(rejection.certificateIndex().isEmpty() || rejection.field().equals(Optional.of("cabundle")),
                rejection.detail());
    }

    private static byte[] withBundleEntry(int index, byte[] der) {
        List<byte[]> bundle = new ArrayList<>(PKI.cabundle());
        bundle.set(index, der);
        return document().cabundle(bundle).build();
    }

    /** The certificate with its outer SEQUENCE's length in the long form, which DER forbids. */
    private static byte[] notDer(byte[] der) {
        if ((der[1] & 0xff) != 0x82) {
            throw new IllegalStateException("expected a two-byte length");
        }
        byte[] longer = new byte[der.length + 1];
        longer[0] = der[0];
        longer[1] = (byte) 0x83;
        longer[2] = 0;
        System.arraycopy(der, 2, longer, 3, der.length - 2);
        return longer;
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static Where field(String name) {
        return new Where(name, null);
    }

    private static Where bundle(int index) {
        return new Where("cabundle", index);
    }

    private static Named<Case> named(String name, Where where, Supplier<byte[]> document) {
        return Named.of(name, new Case(where, document));
    }

    record Case(Where where, Supplier<byte[]> document) {}

    /** A rejection's location: the field, or null; the index in cabundle, or null. */
    record Where(String field, Integer index) {
        static Where of(DocumentRejectedException rejection) {
            OptionalInt index = rejection.certificateIndex();
            return new Where(rejection.field().orElse(null), index.isPresent() ? index.getAsInt() : null);
        }
    }
}
