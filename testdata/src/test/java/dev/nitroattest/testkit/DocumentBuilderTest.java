package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.testkit.CborTestReader.CborArray;
import dev.nitroattest.testkit.CborTestReader.CborMap;
import dev.nitroattest.testkit.CborTestReader.Simple;
import dev.nitroattest.testkit.TestDocuments.Cose;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentBuilderTest {
    private static final HexFormat HEX = HexFormat.of();
    private final TestPki pki = TestPki.standard();

    private DocumentBuilder builder() {
        return DocumentBuilder.forPki(pki);
    }

    private static byte[] sha384(byte[]... parts) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-384");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void theDefaultsHaveTheNsmsByteLayout() {
        byte[] document = builder().build();
        assertEquals("8444a1013822a059", HEX.formatHex(document, 0, 8));
        byte[] payload = builder().buildPayload();
        assertEquals("a969" + HEX.formatHex(ascii("module_id")), HEX.formatHex(payload, 0, 11));
        int payloadLength = ((document[8] & 0xff) << 8) | (document[9] & 0xff);
        assertEquals(payload.length, payloadLength);
        assertArrayEquals(payload, Arrays.copyOfRange(document, 10, 10 + payloadLength));
        assertEquals("5860", HEX.formatHex(document, document.length - 98, document.length - 96));
        assertEquals(10 + payloadLength + 2 + 96, document.length);

        byte[] timestamp = new CborWriter().text("timestamp").uint64(pki.documentTime().toEpochMilli()).toByteArray();
        assertTrue(contains(payload, timestamp), "timestamp written as 1b + 8 bytes");
        assertTrue(contains(payload, ascii("digest")));
    }

    @Test
    void theDefaultPayloadHasTheNineKeysInNsmOrder() throws NoSuchAlgorithmException {
        CborMap payload = TestDocuments.parse(builder().build()).payload();
        assertFalse(payload.indefinite());
        assertEquals(List.of("module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle", "public_key",
                "user_data", "nonce"), payload.keys());
        assertEquals(pki.moduleId(), payload.get("module_id"));
        assertEquals("SHA384", payload.get("digest"));
        assertEquals(pki.documentTime().toEpochMilli(), payload.get("timestamp"));
        assertArrayEquals(pki.leaf().der(), (byte[]) payload.get("certificate"));
        CborArray cabundle = (CborArray) payload.get("cabundle");
        assertEquals(4, cabundle.items().size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(pki.cabundle().get(i), (byte[]) cabundle.items().get(i));
        }
        assertEquals(Simple.NULL, payload.get("public_key"));
        assertEquals(Simple.NULL, payload.get("user_data"));
        assertEquals(Simple.NULL, payload.get("nonce"));

        CborMap pcrs = (CborMap) payload.get("pcrs");
        assertEquals(16, pcrs.entries().size());
        for (int index = 0; index < 16; index++) {
            byte[] expected = index <= 4 ? sha384(ascii("test PCR" + index)) : new byte[48];
            assertArrayEquals(expected, (byte[]) pcrs.get((long) index), "PCR" + index);
        }
    }

    @Test
    void theSignatureVerifiesWithTheJdkOverTheSigStructure() {
        byte[] document = builder().build();
        assertTrue(TestDocuments.coseSignatureVerifies(document));
        Cose cose = TestDocuments.parse(document);
        assertEquals(96, cose.signature().length);
        assertTrue(TestDocuments.verifyP1363("SHA384withECDSAinP1363Format", TestDocuments.publicKey(pki.leaf().key()),
                DocumentBuilder.sigStructure(cose.protectedHeader(), cose.payloadBytes()), cose.signature()));
    }

    @Test
    void buildingTwiceGivesTheSameBytes() {
        assertArrayEquals(builder().build(), builder().build());
        DocumentBuilder builder = builder().nonce(new byte[] {1});
        assertArrayEquals(builder.build(), builder.copy().build());
    }

    @Test
    void theSigStructureIsTheDefiniteCoseSign1Structure() {
        byte[] payload = new byte[300];
        byte[] expected = new CborWriter().raw(HEX.parseHex("846a5369676e61747572653144a101382240590" + "12c"))
                .raw(payload).toByteArray();
        assertArrayEquals(expected, DocumentBuilder.sigStructure(HEX.parseHex("a1013822"), payload));
    }

    @Test
    void indefiniteLengthsApplyToThePayloadPcrsAndCabundleOnly() {
        byte[] document = builder().indefiniteLengths(true).build();
        Cose cose = TestDocuments.parse(document);
        assertEquals(0x84, document[0] & 0xff);
        assertEquals(0xbf, cose.payloadBytes()[0] & 0xff);
        assertEquals(0xff, cose.payloadBytes()[cose.payloadBytes().length - 1] & 0xff);
        CborMap payload = cose.payload();
        assertTrue(payload.indefinite());
        assertTrue(((CborMap) payload.get("pcrs")).indefinite());
        assertTrue(((CborArray) payload.get("cabundle")).indefinite());
        assertTrue(contains(cose.payloadBytes(), HEX.parseHex("6470637273bf")));
        assertTrue(contains(cose.payloadBytes(), HEX.parseHex("68636162756e646c659f")));
        assertTrue(TestDocuments.coseSignatureVerifies(document));
    }

    @Test
    void taggedDocumentsStartWithTag18() {
        byte[] document = builder().tagged(true).build();
        assertEquals("d284", HEX.formatHex(document, 0, 2));
        assertTrue(TestDocuments.parse(document).tagged());
        assertTrue(TestDocuments.coseSignatureVerifies(document));
    }

    @Test
    void nitroTpmDocumentsCarryTwentyFourNitroTpmPcrsInsteadOfPcrs() {
        CborMap payload = TestDocuments.parse(builder().nitroTpm().build()).payload();
        assertFalse(payload.has("pcrs"));
        assertEquals(24, ((CborMap) payload.get("nitrotpm_pcrs")).entries().size());
        assertEquals("nitrotpm_pcrs", payload.keys().get(3));
        assertEquals("i-0123456789abcdef0-tpm0000000000000000", payload.get("module_id"));
    }

    @Test
    void pcrCount17AddsAnExtendedPcr16() throws NoSuchAlgorithmException {
        CborMap pcrs = (CborMap) TestDocuments.parse(builder().pcrCount(17).build()).payload().get("pcrs");
        assertEquals(17, pcrs.entries().size());
        byte[] expected = sha384(new byte[48], sha384(ascii("test PCR16")));
        assertArrayEquals(expected, (byte[]) pcrs.get(16L));
    }

    @Test
    void debugModeZeroesPcr0To2() {
        CborMap pcrs = (CborMap) TestDocuments.parse(builder().debugMode().build()).payload().get("pcrs");
        for (long index = 0; index <= 2; index++) {
            assertArrayEquals(new byte[48], (byte[]) pcrs.get(index));
        }
        assertFalse(Arrays.equals(new byte[48], (byte[]) pcrs.get(3L)));
    }

    @Test
    void theLargestOptionalFieldsTheNsmSignsStillBuildAndVerify() {
        byte[] max = new byte[1024];
        Arrays.fill(max, (byte) 0x5a);
        byte[] document = builder().nonce(max).userData(max).publicKey(max).build();
        CborMap payload = TestDocuments.parse(document).payload();
        for (String key : List.of("nonce", "user_data", "public_key")) {
            assertArrayEquals(max, (byte[]) payload.get(key), key);
        }
        assertTrue(TestDocuments.coseSignatureVerifies(document));
    }

    @Test
    void fieldsCanBeOmittedNulledReplacedAndAdded() {
        CborMap payload = TestDocuments.parse(builder()
                .omit("digest")
                .nullField("certificate")
                .rawField("nonce", new CborWriter().text("text nonce").toByteArray())
                .extraField("extra", new CborWriter().uint(5).toByteArray())
                .build()).payload();
        assertFalse(payload.has("digest"));
        assertEquals(Simple.NULL, payload.get("certificate"));
        assertEquals("text nonce", payload.get("nonce"));
        assertEquals(5L, payload.get("extra"));
        assertEquals(9, payload.entries().size());
        assertEquals("extra", payload.keys().get(8));
    }

    @Test
    void keyOrderWritesTheStandardKeysInThatOrderWithTheSameValues() {
        List<String> order = List.of("nonce", "cabundle", "module_id", "pcrs", "user_data", "timestamp", "public_key",
                "certificate", "digest");
        byte[] document = builder().nonce(new byte[] {1}).keyOrder(order).extraField("extra", new byte[] {0x05})
                .omit("user_data").build();
        CborMap reordered = TestDocuments.parse(document).payload();
        List<Object> expected = new ArrayList<>(order);
        expected.remove("user_data");
        expected.add("extra");
        assertEquals(expected, reordered.keys());
        CborMap nsmOrder = TestDocuments.parse(builder().nonce(new byte[] {1}).build()).payload();
        for (Object key : nsmOrder.keys()) {
            if (!key.equals("user_data")) {
                assertEquals(comparable(nsmOrder.get(key)), comparable(reordered.get(key)), (String) key);
            }
        }
        assertTrue(TestDocuments.coseSignatureVerifies(document));
        List<String> nitroTpmOrder = order.stream().map(k -> k.equals("pcrs") ? "nitrotpm_pcrs" : k).toList();
        assertEquals("nitrotpm_pcrs", TestDocuments.parse(builder().nitroTpm().keyOrder(nitroTpmOrder).build())
                .payload().keys().get(3));
    }

    // Decoded CBOR with byte strings as hex, so that equal values compare equal.
    private static Object comparable(Object item) {
        if (item instanceof byte[] bytes) {
            return HEX.formatHex(bytes);
        }
        if (item instanceof CborArray array) {
            return array.items().stream().map(DocumentBuilderTest::comparable).toList();
        }
        if (item instanceof CborMap map) {
            return map.entries().stream().map(e -> List.of(comparable(e.key()), comparable(e.value()))).toList();
        }
        return item;
    }

    @Test
    void aKeyOrderThatIsNotAnOrderOfTheDocumentsKeysIsRefused() {
        List<String> eight = List.of("nonce", "cabundle", "module_id", "pcrs", "user_data", "timestamp", "public_key",
                "certificate");
        assertThrows(IllegalStateException.class, () -> builder().keyOrder(eight).build());
        List<String> twice = new ArrayList<>(eight);
        twice.add("nonce");
        assertThrows(IllegalStateException.class, () -> builder().keyOrder(twice).build());
        List<String> withDigest = new ArrayList<>(eight);
        withDigest.add("digest");
        assertThrows(IllegalStateException.class, () -> builder().nitroTpm().keyOrder(withDigest).build());
    }

    @Test
    void keysOutsideTheLayoutAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> builder().omit("nonse"));
        assertThrows(IllegalStateException.class, () -> builder().omit("pcrs").nitroTpm().build());
    }

    @Test
    void signWithSignsWithAnotherKeyAndKeepsTheCertificate() {
        EcKeyPair other = EcKeyPair.derive(EcCurve.P384, "someone else");
        byte[] document = builder().signWith(other).build();
        Cose cose = TestDocuments.parse(document);
        assertArrayEquals(pki.leaf().der(), cose.certificate());
        assertFalse(TestDocuments.coseSignatureVerifies(document));
        assertTrue(TestDocuments.verifyP1363("SHA384withECDSAinP1363Format", TestDocuments.publicKey(other),
                DocumentBuilder.sigStructure(cose.protectedHeader(), cose.payloadBytes()), cose.signature()));
    }

    @Test
    void lowLevelOverridesWriteExactlyWhatTheyAreGiven() {
        byte[] payload = new CborWriter().startMap(0).toByteArray();
        byte[] signed = builder().payload(payload).protectedHeader(new byte[] {(byte) 0xa0})
                .unprotectedHeader(new byte[] {(byte) 0xa1, 0x04, 0x41, 0x01}).build();
        assertEquals("8441a0a1044101" + "41a0" + "5860", HEX.formatHex(signed, 0, 11));
        assertTrue(TestDocuments.verifyP1363("SHA384withECDSAinP1363Format", TestDocuments.publicKey(pki.leaf().key()),
                DocumentBuilder.sigStructure(new byte[] {(byte) 0xa0}, payload),
                Arrays.copyOfRange(signed, 11, signed.length)));

        byte[] exact = builder().signature(new byte[] {1, 2, 3}).build();
        assertEquals("43010203", HEX.formatHex(exact, exact.length - 4, exact.length));
    }

    @Test
    void signOverChoosesTheBytesThatAreSigned() {
        byte[] toBeSigned = ascii("anything at all");
        byte[] document = builder().signOver((protectedHeader, payload) -> toBeSigned).build();
        Cose cose = TestDocuments.parse(document);
        assertFalse(TestDocuments.coseSignatureVerifies(document));
        assertTrue(TestDocuments.verifyP1363("SHA384withECDSAinP1363Format",
                TestDocuments.publicKey(pki.leaf().key()), toBeSigned, cose.signature()));
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        DocumentBuilder original = builder();
        byte[] before = original.build();
        original.copy().pcr(0, new byte[48]).moduleId("changed").omit("nonce").build();
        assertArrayEquals(before, original.build());
    }

    @Test
    void withSignerTimestampsAnHourAfterTheLeafsNotBefore() {
        byte[] document = DocumentBuilder.withSigner(pki.leaf().key(), pki.leaf().der(), pki.cabundle()).build();
        assertEquals(pki.documentTime().toEpochMilli(), TestDocuments.parse(document).payload().get("timestamp"));
        assertArrayEquals(builder().build(), document);
    }
}
