package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CborTestReader.CborMap;
import dev.nitroattest.testkit.TestDocuments.Cose;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ForgeriesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final TestPki PKI = TestPki.standard();
    private static final BigInteger N = EcCurve.P384.order();
    private static Map<String, ForgedDocument> forgeries;
    private static byte[] genuine;

    @BeforeAll
    static void buildAll() {
        forgeries = Forgeries.all(PKI).stream()
                .collect(Collectors.toMap(ForgedDocument::name, Function.identity(), (a, b) -> {
                    throw new AssertionError("duplicate name " + a.name());
                }));
        genuine = DocumentBuilder.forPki(PKI).build();
    }

    private static byte[] bytes(String name) {
        ForgedDocument forged = forgeries.get(name);
        if (forged == null) {
            throw new AssertionError("no forgery " + name);
        }
        return forged.bytes();
    }

    private static final List<String> SIGNATURE_RANGE_CASES = List.of("signatureAllZero", "signatureRZero",
            "signatureSEqualsOrder", "signatureREqualsOrder", "signatureROrderPlusOne");

    private static List<String> namesWithReason(String reason) {
        return forgeries.values().stream().filter(f -> f.expectedReason().equals(reason)).map(ForgedDocument::name)
                .sorted().toList();
    }

    @Test
    void everyPublicFactoryIsInAllAndNamedAfterItself() throws ReflectiveOperationException {
        Set<String> factories = new HashSet<>();
        for (Method method : Forgeries.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && method.getReturnType() == ForgedDocument.class) {
                factories.add(method.getName());
                assertEquals(method.getName(), ((ForgedDocument) method.invoke(null, PKI)).name());
            }
        }
        assertEquals(factories, forgeries.keySet());
        assertEquals(Forgeries.all(PKI).size(), forgeries.size());
    }

    @Test
    void everyReasonIsAStableCodeAndEveryCaseIsDistinctAndDescribed() {
        Set<String> distinctBytes = new HashSet<>();
        for (ForgedDocument forged : forgeries.values()) {
            assertTrue(ForgedDocument.REASON_CODES.contains(forged.expectedReason()), forged.name());
            assertFalse(forged.description().isBlank(), forged.name());
            assertFalse(Arrays.equals(genuine, forged.bytes()), forged.name());
            assertTrue(distinctBytes.add(HEX.formatHex(forged.bytes())), forged.name() + " repeats another case");
        }
        assertEquals(ForgedDocument.REASON_CODES,
                forgeries.values().stream().map(ForgedDocument::expectedReason).collect(Collectors.toSet()));
        assertThrows(IllegalArgumentException.class, () -> new ForgedDocument("x", "EXPIRED", "d", new byte[0]));
    }

    @Test
    void forgeriesAreReproducible() {
        assertEquals(Forgeries.all(PKI), Forgeries.all(PKI));
    }

    @Test
    void envelopeCasesChangeOnlyTheEnvelope() {
        assertArrayEquals(concat(new byte[] {(byte) 0xd3}, genuine), bytes("coseTag19"));
        assertEquals("d2d284", HEX.formatHex(bytes("coseTag18Twice"), 0, 3));
        assertEquals(0x83, bytes("coseArrayOf3")[0] & 0xff);
        assertEquals(0x85, bytes("coseArrayOf5")[0] & 0xff);
        assertEquals(0xa4, bytes("coseMapInsteadOfArray")[0] & 0xff);
        assertArrayEquals(concat(genuine, new byte[1]), bytes("trailingByteAfterDocument"));
        assertArrayEquals(Arrays.copyOf(genuine, genuine.length - 1), bytes("truncatedByOneByte"));
        assertArrayEquals(Arrays.copyOf(genuine, genuine.length / 2), bytes("truncatedByHalf"));
        assertEquals("8440a1013822", HEX.formatHex(bytes("algInUnprotectedHeader"), 0, 6));
        assertEquals("8448a2013822028118" + "63a0", HEX.formatHex(bytes("criticalHeadersInProtectedHeader"), 0, 11));
    }

    @Test
    void signatureLengthCasesHaveTheStatedLengths() {
        Map<String, Integer> lengths = Map.of("signature64Bytes", 64, "signature95Bytes", 95, "signature97Bytes", 97,
                "signatureEmpty", 0);
        lengths.forEach((name, length) -> assertEquals(length, TestDocuments.parse(bytes(name)).signature().length));
        byte[] der = TestDocuments.parse(bytes("signatureDerEncoded")).signature();
        assertEquals(0x30, der[0]);
        assertTrue(TestDocuments.verifyP1363("SHA384withECDSA", TestDocuments.publicKey(PKI.leaf().key()),
                DocumentBuilder.sigStructure(TestDocuments.parse(genuine).protectedHeader(),
                        TestDocuments.parse(genuine).payloadBytes()), der), "the DER signature is the valid one");
    }

    @Test
    void badSignatureCasesFailWithTheJdkButTheirChainIsSound() throws GeneralSecurityException {
        assertTrue(TestDocuments.coseSignatureVerifies(genuine));
        List<String> cases = new ArrayList<>(namesWithReason(ForgedDocument.BAD_SIGNATURE));
        cases.addAll(SIGNATURE_RANGE_CASES);
        for (String name : cases) {
            byte[] document = bytes(name);
            assertFalse(TestDocuments.coseSignatureVerifies(document), name);
            assertChainValidates(document);
        }
        Cose zero = TestDocuments.parse(bytes("signatureAllZero"));
        assertArrayEquals(new byte[96], zero.signature());
        Cose sIsN = TestDocuments.parse(bytes("signatureSEqualsOrder"));
        assertEquals(N, new BigInteger(1, Arrays.copyOfRange(sIsN.signature(), 48, 96)));
        assertArrayEquals(Arrays.copyOf(TestDocuments.parse(genuine).signature(), 48),
                Arrays.copyOf(sIsN.signature(), 48));
    }

    @Test
    void signatureRangeCasesHaveAComponentOutsideOneToNMinusOne() {
        for (String name : SIGNATURE_RANGE_CASES) {
            assertEquals(ForgedDocument.MALFORMED, forgeries.get(name).expectedReason(), name);
            byte[] signature = TestDocuments.parse(bytes(name)).signature();
            BigInteger r = new BigInteger(1, Arrays.copyOf(signature, 48));
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 48, 96));
            assertTrue(r.signum() == 0 || s.signum() == 0 || r.compareTo(N) >= 0 || s.compareTo(N) >= 0, name);
        }
    }

    @Test
    void payloadChangedAfterSigningDiffersByOneBitAndKeepsTheSignature() {
        byte[] changed = bytes("payloadChangedAfterSigning");
        assertEquals(genuine.length, changed.length);
        int differingBits = 0;
        for (int i = 0; i < genuine.length; i++) {
            differingBits += Integer.bitCount((genuine[i] ^ changed[i]) & 0xff);
        }
        assertEquals(1, differingBits);
        assertArrayEquals(TestDocuments.parse(genuine).signature(), TestDocuments.parse(changed).signature());
    }

    @Test
    void fieldCasesAreSignedByTheLeaf() {
        List<String> signedPayloadCases = new ArrayList<>(namesWithReason(ForgedDocument.INVALID_FIELD));
        signedPayloadCases.addAll(namesWithReason(ForgedDocument.TOO_LARGE));
        signedPayloadCases.addAll(List.of("payloadIsArray", "integerKeyInPayload", "duplicateNonceKey",
                "duplicatePcrIndex", "byteStringKeyInPayload", "taggedNonce", "deeplyNestedArrays",
                "byteStringLengthBeyondInput", "mapCountBeyondInput", "trailingBytesAfterPayload",
                "invalidUtf8ModuleId"));
        for (String name : signedPayloadCases) {
            Cose cose = TestDocuments.parse(bytes(name));
            byte[] toBeSigned = DocumentBuilder.sigStructure(cose.protectedHeader(), cose.payloadBytes());
            assertTrue(TestDocuments.verifyP1363("SHA384withECDSAinP1363Format",
                    TestDocuments.publicKey(PKI.leaf().key()), toBeSigned, cose.signature()), name);
        }
    }

    @Test
    void payloadStructureCasesHaveTheirDefect() {
        CborMap duplicateNonce = TestDocuments.parse(bytes("duplicateNonceKey")).payload();
        assertEquals(2, duplicateNonce.keys().stream().filter("nonce"::equals).count());
        CborMap both = TestDocuments.parse(bytes("pcrsAndNitroTpmPcrs")).payload();
        assertTrue(both.has("pcrs") && both.has("nitrotpm_pcrs"));
        assertEquals(1L, TestDocuments.parse(bytes("integerKeyInPayload")).payload().keys().get(9));
        CborMap pcrs33 = (CborMap) TestDocuments.parse(bytes("pcrs33Entries")).payload().get("pcrs");
        assertEquals(33, pcrs33.entries().size());
        assertThrows(IllegalArgumentException.class,
                () -> TestDocuments.parse(bytes("mapCountBeyondInput")).payload());
        assertThrows(IllegalArgumentException.class,
                () -> TestDocuments.parse(bytes("byteStringLengthBeyondInput")).payload());
        assertThrows(IllegalArgumentException.class,
                () -> TestDocuments.parse(bytes("invalidUtf8ModuleId")).payload());
        assertEquals(0x92, TestDocuments.parse(bytes("payloadIsArray")).payloadBytes()[0] & 0xff);
    }

    @Test
    void sizeCasesHitTheirSizesExactly() throws GeneralSecurityException {
        assertEquals(16 * 1024 + 1, bytes("documentOver16KiB").length);
        byte[] bigLeaf = TestDocuments.parse(bytes("certificate1025Bytes")).certificate();
        assertEquals(1025, bigLeaf.length);
        assertChainValidates(bytes("certificate1025Bytes"));
        assertEquals(1025, ((byte[]) TestDocuments.parse(bytes("nonce1025Bytes")).payload().get("nonce")).length);
    }

    @Test
    void theAnchorLookalikeHasTheRootsSubjectButAnotherKey() {
        Cose cose = TestDocuments.parse(bytes("selfSignedAnchorInBundle"));
        X509Certificate lookalike = TestDocuments.certificate(cose.cabundle().get(0));
        X509Certificate root = TestDocuments.certificate(PKI.root().der());
        assertEquals(root.getSubjectX500Principal(), lookalike.getSubjectX500Principal());
        assertEquals(lookalike.getSubjectX500Principal(), lookalike.getIssuerX500Principal());
        assertNotEquals(root.getPublicKey(), lookalike.getPublicKey());
        assertTrue(TestDocuments.coseSignatureVerifies(bytes("selfSignedAnchorInBundle")));
        assertDoesNotThrow(() -> TestPkiTest.validate(lookalike, path(cose), PKI.documentTime()),
                "the forged chain is sound under its own anchor");
    }

    @Test
    void unchainedLeavesComeWithTheRootAlone() {
        X509Certificate root = TestDocuments.certificate(PKI.root().der());
        for (String name : List.of("leafNeverChained", "selfSignedLeafNeverChained")) {
            Cose cose = TestDocuments.parse(bytes(name));
            assertEquals(1, cose.cabundle().size(), name);
            assertArrayEquals(PKI.root().der(), cose.cabundle().get(0), name);
            assertTrue(TestDocuments.coseSignatureVerifies(bytes(name)), name + " is signed by its own leaf");
            // Only the leaf's signature is wrong: its issuer name is the root's, so name chaining passes.
            assertEquals(root.getSubjectX500Principal(), leafOf(name).getIssuerX500Principal(), name);
            assertThrows(GeneralSecurityException.class, () -> leafOf(name).verify(root.getPublicKey()), name);
        }
        X509Certificate selfSigned = leafOf("selfSignedLeafNeverChained");
        assertDoesNotThrow(() -> selfSigned.verify(selfSigned.getPublicKey()));
    }

    @Test
    void pathLenNegativeHasANegativePathLenAndIsOtherwiseTheRegionalCa() {
        Cose cose = TestDocuments.parse(bytes("pathLenNegative"));
        org.bouncycastle.asn1.x509.Certificate regional =
                org.bouncycastle.asn1.x509.Certificate.getInstance(cose.cabundle().get(1));
        BasicConstraints constraints = BasicConstraints.fromExtensions(regional.getTBSCertificate().getExtensions());
        assertTrue(constraints.isCA());
        assertEquals(BigInteger.valueOf(-1), constraints.getPathLenConstraint());
        assertEquals(TestDocuments.certificate(PKI.regional().der()).getSubjectX500Principal(),
                TestDocuments.certificate(cose.cabundle().get(1)).getSubjectX500Principal());
        for (int i : new int[] {0, 2, 3}) {
            assertArrayEquals(PKI.cabundle().get(i), cose.cabundle().get(i));
        }
        assertTrue(TestDocuments.coseSignatureVerifies(bytes("pathLenNegative")));
    }

    @Test
    void theAppendedAttackerCaWouldPassAsAnAnchor() {
        Cose cose = TestDocuments.parse(bytes("attackerCaAppendedToBundle"));
        assertEquals(5, cose.cabundle().size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(PKI.cabundle().get(i), cose.cabundle().get(i));
        }
        X509Certificate attackerCa = TestDocuments.certificate(cose.cabundle().get(4));
        assertEquals(attackerCa.getSubjectX500Principal(), attackerCa.getIssuerX500Principal());
        assertDoesNotThrow(() -> TestPkiTest.validate(attackerCa,
                List.of(TestDocuments.certificate(cose.certificate())), PKI.documentTime()));
        assertTrue(TestDocuments.coseSignatureVerifies(bytes("attackerCaAppendedToBundle")));
    }

    @Test
    void chainCasesAreRejectedByTheJdksPkixValidator() {
        for (String name : List.of("selfSignedAnchorInBundle", "leafNeverChained", "selfSignedLeafNeverChained",
                "attackerCaAppendedToBundle", "intermediatesInWrongOrder", "intermediateNotCa", "pathLenViolated",
                "caWithoutKeyCertSign", "unknownCriticalExtensionInLeaf", "unknownCriticalExtensionInIntermediate",
                "leafIssuerNameMismatch", "leafCertificateSignatureCorrupted")) {
            assertThrows(GeneralSecurityException.class, () -> assertChainValidates(bytes(name)), name);
        }
    }

    @Test
    void leafCasesThatPkixIgnoresHaveTheirDefect() {
        assertNotEquals(-1, leafOf("leafIsCa").getBasicConstraints());
        assertFalse(leafOf("leafWithoutDigitalSignature").getKeyUsage()[0]);
        byte[] trailing = TestDocuments.parse(bytes("certificateWithTrailingByte")).certificate();
        assertArrayEquals(concat(PKI.leaf().der(), new byte[1]), trailing);
        assertEquals(521, fieldSize(leafOf("leafWithP521Key")));
        assertEquals(256, fieldSize(leafOf("leafWithP256Key")));
        assertEquals(256, fieldSize(leafOf("es256WithP256Leaf")));
    }

    @Test
    void algorithmCasesAreOtherwiseSound() throws GeneralSecurityException {
        Cose es256 = TestDocuments.parse(bytes("es256WithP256Leaf"));
        assertEquals("a10126", HEX.formatHex(es256.protectedHeader()));
        assertTrue(TestDocuments.verifyP1363("SHA256withECDSAinP1363Format", leafOf("es256WithP256Leaf").getPublicKey(),
                DocumentBuilder.sigStructure(es256.protectedHeader(), es256.payloadBytes()), es256.signature()));
        assertChainValidates(bytes("es256WithP256Leaf"));
        assertChainValidates(bytes("leafWithP521Key"));
        assertChainValidates(bytes("intermediateSignedWithSha256"));
        assertEquals("SHA256withECDSA",
                TestDocuments.certificate(TestDocuments.parse(bytes("intermediateSignedWithSha256")).cabundle().get(2))
                        .getSigAlgName());
    }

    @Test
    void withHighSGivesAnotherValidSignatureWithAHighS() {
        byte[] lowS = documentWithS(false);
        byte[] highS = Forgeries.withHighS(lowS);
        assertFalse(Arrays.equals(lowS, highS));
        assertEquals(lowS.length, highS.length);
        assertTrue(s(highS).compareTo(N.shiftRight(1)) > 0);
        assertTrue(TestDocuments.coseSignatureVerifies(highS));
        assertArrayEquals(highS, Forgeries.withHighS(highS));
        assertArrayEquals(lowS, Forgeries.withLowS(highS));
        assertTrue(TestDocuments.coseSignatureVerifies(Forgeries.withLowS(documentWithS(true))));
        assertThrows(IllegalArgumentException.class, () -> Forgeries.withHighS(new byte[10]));
    }

    // RFC 6979 signatures are deterministic, so vary the nonce until s falls in the wanted half.
    private static byte[] documentWithS(boolean high) {
        for (int i = 0; ; i++) {
            byte[] document = DocumentBuilder.forPki(PKI).nonce(new byte[] {(byte) i}).build();
            if ((s(document).compareTo(N.shiftRight(1)) > 0) == high) {
                return document;
            }
        }
    }

    private static BigInteger s(byte[] document) {
        return new BigInteger(1, Arrays.copyOfRange(document, document.length - 48, document.length));
    }

    private static X509Certificate leafOf(String name) {
        return TestDocuments.certificate(TestDocuments.parse(bytes(name)).certificate());
    }

    private static int fieldSize(X509Certificate certificate) {
        return ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize();
    }

    private static List<X509Certificate> path(Cose cose) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(TestDocuments.certificate(cose.certificate()));
        List<byte[]> bundle = cose.cabundle();
        for (int i = bundle.size() - 1; i >= 1; i--) {
            path.add(TestDocuments.certificate(bundle.get(i)));
        }
        return path;
    }

    private static void assertChainValidates(byte[] document) throws GeneralSecurityException {
        TestPkiTest.validate(TestDocuments.certificate(PKI.root().der()), path(TestDocuments.parse(document)),
                PKI.documentTime());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
