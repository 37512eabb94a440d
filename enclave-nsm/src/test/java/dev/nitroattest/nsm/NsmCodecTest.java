package dev.nitroattest.nsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.CborWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NsmCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The request vectors of docs/nitro-facts.md, section 2. */
    static Stream<Arguments> requestVectors() {
        return Stream.of(
                Arguments.of(new NsmRequest.GetRandom(), "6947657452616e646f6d"),
                Arguments.of(new NsmRequest.DescribeNsm(), "6b44657363726962654e534d"),
                Arguments.of(new NsmRequest.DescribePcr(16), "a16b4465736372696265504352a165696e64657810"),
                Arguments.of(new NsmRequest.ExtendPcr(16, Bytes.fromHex("010203")),
                        "a169457874656e64504352a265696e646578106464617461" + "43010203"),
                Arguments.of(new NsmRequest.LockPcr(16), "a1674c6f636b504352a165696e64657810"),
                Arguments.of(new NsmRequest.LockPcrs(32), "a1684c6f636b50435273a16572616e67651820"),
                Arguments.of(NsmRequest.Attestation.of(null, null, null),
                        "a16b4174746573746174696f6ea369757365725f64617461f6656e6f6e6365f66a7075626c69635f6b6579f6"),
                Arguments.of(NsmRequest.Attestation.of("hello".getBytes(StandardCharsets.US_ASCII), null, null),
                        "a16b4174746573746174696f6ea369757365725f64617461" + "4568656c6c6f"
                                + "656e6f6e6365f66a7075626c69635f6b6579f6"));
    }

    @ParameterizedTest
    @MethodSource("requestVectors")
    void requestsAreWrittenByteForByteAsTheNsmExpects(NsmRequest request, String hex) throws Exception {
        assertEquals(hex, HEX.formatHex(NsmCodec.encodeRequest(request)));
        assertEquals(request, NsmCodec.decodeRequest(HEX.parseHex(hex)), "the emulator reads the same bytes back");
    }

    @Test
    void aPresentEmptyFieldIsAnEmptyByteStringNotNull() {
        byte[] encoded = NsmCodec.encodeRequest(NsmRequest.Attestation.of(null, new byte[0], null));
        assertTrue(HEX.formatHex(encoded).contains("656e6f6e636540"), "nonce: 40");
    }

    @Test
    void theErrorVectorDecodesToInternalError() throws Exception {
        NsmResponse response = NsmCodec.decodeResponse(HEX.parseHex("a1654572726f726d496e7465726e616c4572726f72"));
        assertEquals(new NsmResponse.Failed(NsmError.INTERNAL_ERROR), response);
    }

    @ParameterizedTest
    @EnumSource(NsmError.class)
    void everyErrorNameDecodes(NsmError error) throws Exception {
        byte[] encoded = NsmCodec.encodeResponse(new NsmResponse.Failed(error));
        assertTrue(new String(encoded, StandardCharsets.US_ASCII).endsWith(error.wireName()));
        assertEquals(new NsmResponse.Failed(error), NsmCodec.decodeResponse(encoded));
    }

    /**
     * Every error answer, as literal bytes written from docs/nitro-facts.md section 2: {"Error": NAME}, with the name
     * as the NSM spells it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "InvalidArgument,  INVALID_ARGUMENT,  a1 654572726f72 6f 496e76616c6964417267756d656e74",
        "InvalidIndex,     INVALID_INDEX,     a1 654572726f72 6c 496e76616c6964496e646578",
        "InvalidResponse,  INVALID_RESPONSE,  a1 654572726f72 6f 496e76616c6964526573706f6e7365",
        "ReadOnlyIndex,    READ_ONLY_INDEX,   a1 654572726f72 6d 526561644f6e6c79496e646578",
        "InvalidOperation, INVALID_OPERATION, a1 654572726f72 70 496e76616c69644f7065726174696f6e",
        "BufferTooSmall,   BUFFER_TOO_SMALL,  a1 654572726f72 6e 427566666572546f6f536d616c6c",
        "InputTooLarge,    INPUT_TOO_LARGE,   a1 654572726f72 6d 496e707574546f6f4c61726765",
        "InternalError,    INTERNAL_ERROR,    a1 654572726f72 6d 496e7465726e616c4572726f72",
    })
    void everyErrorAnswerOfTheNsmDecodesFromItsLiteralBytes(String name, NsmError error, String hex)
            throws Exception {
        assertEquals(new NsmResponse.Failed(error), NsmCodec.decodeResponse(literal(hex)));
        assertEquals(name, error.wireName());
        assertEquals(hex.replace(" ", ""), HEX.formatHex(NsmCodec.encodeResponse(new NsmResponse.Failed(error))),
                "the emulator answers with the same bytes");
    }

    /** Every success answer, as literal bytes written from docs/nitro-facts.md section 2, not made by the codec. */
    static Stream<Arguments> literalResponses() {
        String pcr = "11".repeat(48);
        String random = "5a".repeat(256);
        return Stream.of(
                Arguments.of("Attestation{document}",
                        "a1 6b4174746573746174696f6e a1 68646f63756d656e74 44 d2844301",
                        new NsmResponse.Attestation(Bytes.fromHex("d2844301"))),
                Arguments.of("GetRandom{random}",
                        "a1 6947657452616e646f6d a1 6672616e646f6d 590100 " + random,
                        new NsmResponse.GetRandom(Bytes.fromHex(random))),
                Arguments.of("DescribePCR{lock, data}",
                        "a1 6b4465736372696265504352 a2 646c6f636b f5 6464617461 5830 " + pcr,
                        new NsmResponse.DescribePcr(new PcrValue(true, Bytes.fromHex(pcr)))),
                Arguments.of("DescribePCR{data, lock}, QEMU's order",
                        "a1 6b4465736372696265504352 a2 6464617461 5830 " + pcr + " 646c6f636b f4",
                        new NsmResponse.DescribePcr(new PcrValue(false, Bytes.fromHex(pcr)))),
                Arguments.of("ExtendPCR{data}",
                        "a1 69457874656e64504352 a1 6464617461 5830 " + pcr,
                        new NsmResponse.ExtendPcr(Bytes.fromHex(pcr))),
                Arguments.of("LockPCR", "674c6f636b504352", new NsmResponse.LockPcr()),
                Arguments.of("LockPCRs", "684c6f636b50435273", new NsmResponse.LockPcrs()),
                Arguments.of("DescribeNSM, QEMU's order: digest, max_pcrs, module_id, locked_pcrs, version_*",
                        "a1 6b44657363726962654e534d a7"
                                + " 66646967657374 66534841333834"
                                + " 686d61785f70637273 1820"
                                + " 696d6f64756c655f6964 6e692d313233342d656e6335363738"
                                + " 6b6c6f636b65645f70637273 83 00 01 0f"
                                + " 6d76657273696f6e5f6d616a6f72 01"
                                + " 6d76657273696f6e5f6d696e6f72 02"
                                + " 6d76657273696f6e5f7061746368 03",
                        new NsmResponse.DescribeNsm(new NsmDescription(1, 2, 3, "i-1234-enc5678", 32,
                                new java.util.TreeSet<>(Set.of(0, 1, 15)), "SHA384"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literalResponses")
    void everySuccessAnswerDecodesFromItsLiteralBytes(String what, String hex, NsmResponse expected)
            throws Exception {
        assertEquals(expected, NsmCodec.decodeResponse(literal(hex)));
    }

    private static byte[] literal(String spacedHex) {
        return HEX.parseHex(spacedHex.replace(" ", ""));
    }

    static Stream<NsmResponse> everyResponse() {
        return Stream.of(
                new NsmResponse.Attestation(Bytes.of(new byte[4500])),
                new NsmResponse.GetRandom(Bytes.of(new byte[256])),
                new NsmResponse.DescribePcr(new PcrValue(true, Bytes.of(new byte[48]))),
                new NsmResponse.ExtendPcr(Bytes.of(new byte[48])),
                new NsmResponse.LockPcr(),
                new NsmResponse.LockPcrs(),
                new NsmResponse.DescribeNsm(new NsmDescription(1, 2, 3, "i-0123-enc0456", 32,
                        new java.util.TreeSet<>(Set.of(0, 1, 15, 16)), "SHA384")));
    }

    @ParameterizedTest
    @MethodSource("everyResponse")
    void everyResponseKindRoundTrips(NsmResponse response) throws Exception {
        assertEquals(response, NsmCodec.decodeResponse(NsmCodec.encodeResponse(response)));
    }

    @Test
    void aByteAfterAnyRequestOrResponseIsRefused() {
        // One rule for every message a peer sends (CborDecoder.readMessage): the item, and nothing after it.
        requestVectors().map(vector -> (NsmRequest) vector.get()[0]).forEach(request -> {
            NsmErrorException e = assertThrows(NsmErrorException.class,
                    () -> NsmCodec.decodeRequest(withAByteAfter(NsmCodec.encodeRequest(request))));
            assertEquals(NsmError.INVALID_OPERATION, e.error(), e.getMessage());
            assertTrue(e.getMessage().contains("1 trailing byte(s) after the data item"), e.getMessage());
        });
        everyResponse().forEach(response -> {
            NsmResponseException e = assertThrows(NsmResponseException.class,
                    () -> NsmCodec.decodeResponse(withAByteAfter(NsmCodec.encodeResponse(response))));
            assertTrue(e.getMessage().contains("1 trailing byte(s) after the data item"), e.getMessage());
        });
    }

    private static byte[] withAByteAfter(byte[] message) {
        return java.util.Arrays.copyOf(message, message.length + 1);
    }

    @Test
    void unitResponsesAreTextStrings() {
        assertEquals("674c6f636b504352", HEX.formatHex(NsmCodec.encodeResponse(new NsmResponse.LockPcr())));
        assertEquals("684c6f636b50435273", HEX.formatHex(NsmCodec.encodeResponse(new NsmResponse.LockPcrs())));
    }

    @Test
    void describeNsmIsReadByKeyNameInAnyOrderAndWithIndefiniteLengths() throws Exception {
        // Keys in another order than ours (as QEMU writes them), indefinite maps and array, as a 2026 NSM might.
        CborWriter body = new CborWriter()
                .rawHex("bf").text("DescribeNSM").rawHex("bf")
                .text("digest").text("SHA384")
                .text("locked_pcrs").rawHex("9f").rawHex("00").rawHex("0f").rawHex("ff")
                .text("max_pcrs").rawHex("1820")
                .text("module_id").text("i-abc-enc0")
                .text("version_patch").rawHex("00")
                .text("version_minor").rawHex("00")
                .text("version_major").rawHex("01")
                .rawHex("ff").rawHex("ff");
        NsmResponse response = NsmCodec.decodeResponse(body.toByteArray());
        NsmDescription description = assertInstanceOf(NsmResponse.DescribeNsm.class, response).description();
        assertEquals("1.0.0", description.version());
        assertEquals(32, description.maxPcrs());
        assertEquals(List.of(0, 15), List.copyOf(description.lockedPcrs()));
        assertEquals("i-abc-enc0", description.moduleId());
    }

    static Stream<Arguments> malformedResponses() {
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("not CBOR at all", "ff00"),
                Arguments.of("an unknown error name", new CborWriter().rawHex("a1").text("Error").text("Oops").toHex()),
                Arguments.of("an unknown unit response", new CborWriter().text("Reboot").toHex()),
                Arguments.of("an unknown response", new CborWriter().rawHex("a1").text("Format").rawHex("a0").toHex()),
                Arguments.of("a number", "1820"),
                Arguments.of("two entries", new CborWriter().rawHex("a2").text("LockPCR").rawHex("f6").text("x").rawHex("f6")
                        .toHex()),
                Arguments.of("an empty map", "a0"),
                Arguments.of("a missing field", new CborWriter().rawHex("a1").text("DescribePCR").rawHex("a1").text("lock")
                        .rawHex("f5").toHex()),
                Arguments.of("a wrong type", new CborWriter().rawHex("a1").text("ExtendPCR").rawHex("a1").text("data")
                        .text("zz").toHex()),
                Arguments.of("an unknown key", new CborWriter().rawHex("a1").text("GetRandom").rawHex("a2").text("random")
                        .rawHex("40").text("extra").rawHex("40").toHex()),
                Arguments.of("a duplicate key", new CborWriter().rawHex("a1").text("GetRandom").rawHex("a2").text("random")
                        .rawHex("40").text("random").rawHex("40").toHex()),
                Arguments.of("trailing bytes", new CborWriter().text("LockPCR").rawHex("00").toHex()),
                Arguments.of("a length past the end", new CborWriter().rawHex("a1").text("Attestation").rawHex("a1")
                        .text("document").rawHex("5a7fffffff00").toHex()),
                Arguments.of("a huge map count", "bb7fffffffffffffff"),
                Arguments.of("a tag", new CborWriter().rawHex("d818").text("LockPCR").toHex()),
                Arguments.of("a text key that is not UTF-8", "a162c328f6"),
                Arguments.of("an integer key", "a101f6"),
                Arguments.of("a PCR value over 64 bytes", new CborWriter().rawHex("a1").text("ExtendPCR").rawHex("a1")
                        .text("data").rawHex("5841").rawHex("00".repeat(65)).toHex()),
                Arguments.of("a version over 16 bits", new CborWriter().rawHex("a1").text("DescribeNSM").rawHex("a1")
                        .text("version_major").rawHex("1a00010000").toHex()),
                Arguments.of("an indefinite byte string", new CborWriter().rawHex("a1").text("GetRandom").rawHex("a1")
                        .text("random").rawHex("5f4100ff").toHex()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void malformedResponsesAreTypedErrors(String what, String hex) {
        NsmResponseException e = assertThrows(NsmResponseException.class,
                () -> NsmCodec.decodeResponse(HEX.parseHex(hex)));
        assertTrue(e.getMessage().startsWith("The NSM's response is malformed: "), e.getMessage());
    }

    @Test
    void garbledResponsesNeverEscapeAsAnotherException() {
        List<byte[]> valid = everyResponse().map(NsmCodec::encodeResponse).toList();
        Random random = new Random(4);
        for (int round = 0; round < 20_000; round++) {
            byte[] mutated = valid.get(round % valid.size()).clone();
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            byte[] sample = random.nextBoolean() ? mutated
                    : java.util.Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
            try {
                NsmCodec.decodeResponse(sample);
            } catch (NsmResponseException expected) {
                // Refusing is fine; any other exception fails the test.
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ff", "a0", "6552656164", "a1664e6f7468696e67a0"})
    void requestsTheNsmDoesNotKnowAreInvalidOperation(String hex) {
        NsmErrorException e = assertThrows(NsmErrorException.class, () -> NsmCodec.decodeRequest(HEX.parseHex(hex)));
        assertEquals(NsmError.INVALID_OPERATION, e.error());
    }

    @Test
    void anAttestationFieldOver1024BytesIsInputTooLarge() {
        byte[] request = new CborWriter().rawHex("a1").text("Attestation").rawHex("a1").text("nonce").rawHex("590401")
                .rawHex("00".repeat(1025)).toByteArray();
        NsmErrorException e = assertThrows(NsmErrorException.class, () -> NsmCodec.decodeRequest(request));
        assertEquals(NsmError.INPUT_TOO_LARGE, e.error());
        assertThrows(IllegalArgumentException.class, () -> NsmRequest.Attestation.of(null, new byte[1025], null));
    }

    @Test
    void anIndexOver16BitsIsInvalidArgument() {
        byte[] request = new CborWriter().rawHex("a1").text("DescribePCR").rawHex("a1").text("index").rawHex("1a00010000")
                .toByteArray();
        NsmErrorException e = assertThrows(NsmErrorException.class, () -> NsmCodec.decodeRequest(request));
        assertEquals(NsmError.INVALID_ARGUMENT, e.error());
    }

    @Test
    void theTestHelperWritesWhatTheEncoderWrites() {
        assertArrayEquals(NsmCodec.encodeResponse(new NsmResponse.LockPcr()), new CborWriter().text("LockPCR").toByteArray());
    }
}
