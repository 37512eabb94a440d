package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.assertUnparseable;
import static dev.nitroattest.attestation.Fixtures.document;
import static dev.nitroattest.attestation.Fixtures.verifier;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.CborWriter;
import dev.nitroattest.testkit.DocumentBuilder;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AWS specification 3.2.2 (syntactical validation), rule 2 of the verifier: the payload's fields, their
 * types and bounds, tolerant where the real NSM departs from the specification.
 */
@DisplayName("3.2.2 Payload fields")
class PayloadFieldsTest {
    private static final List<String> OPTIONAL = List.of("public_key", "user_data", "nonce");
    private static final List<String> NSM_ORDER = List.of("module_id", "digest", "timestamp", "pcrs", "certificate",
            "cabundle", "public_key", "user_data", "nonce");

    @Nested
    @DisplayName("3.2.2.1 required and optional fields")
    class RequiredFields {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"module_id", "digest", "timestamp", "pcrs", "certificate", "cabundle"})
        @DisplayName("a missing mandatory field is INVALID_FIELD")
        void mandatoryFieldMissing(String field) {
            assertUnparseable(RejectionReason.INVALID_FIELD, document().omit(field).build());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"public_key", "user_data", "nonce"})
        @DisplayName("an optional field may be null (as the NSM writes it) or absent, and then it is absent")
        void optionalFieldNullOrAbsent(String field) throws Exception {
            VerifiedAttestation withNull = verifier().verify(document().nullField(field).build(), Expectations.withoutNonce());
            VerifiedAttestation without = verifier().verify(document().omit(field).build(), Expectations.withoutNonce());
            assertTrue(optional(withNull, field).isEmpty());
            assertTrue(optional(without, field).isEmpty());
        }

        @Test
        @DisplayName("a mandatory field that is null is INVALID_FIELD")
        void mandatoryFieldNull() {
            assertUnparseable(RejectionReason.INVALID_FIELD, document().nullField("module_id").build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().nullField("cabundle").build());
        }
    }

    @Nested
    @DisplayName("3.2.2.2 field content")
    class FieldContent {
        @Test
        @DisplayName("module_id is a non-empty text string")
        void moduleId() {
            assertUnparseable(RejectionReason.INVALID_FIELD, document().moduleId("").build());
            assertUnparseable(RejectionReason.INVALID_FIELD,
                    document().rawField("module_id", new CborWriter().bytes(new byte[] {1}).toByteArray()).build());
        }

        @Test
        @DisplayName("digest is SHA384; anything else is UNSUPPORTED_ALGORITHM")
        void digest() {
            assertUnparseable(RejectionReason.UNSUPPORTED_ALGORITHM, document().digest("SHA256").build());
            assertUnparseable(RejectionReason.UNSUPPORTED_ALGORITHM, document().digest("sha384").build());
        }

        @Test
        @DisplayName("timestamp is an unsigned integer above zero and below 2^63")
        void timestamp() {
            assertUnparseable(RejectionReason.INVALID_FIELD, document().timestampMillis(0).build());
            assertUnparseable(RejectionReason.INVALID_FIELD,
                    document().rawField("timestamp", new CborWriter().uint64(-1L).toByteArray()).build());
            assertUnparseable(RejectionReason.INVALID_FIELD,
                    document().rawField("timestamp", new CborWriter().negative(-5).toByteArray()).build());
            assertUnparseable(RejectionReason.INVALID_FIELD,
                    document().rawField("timestamp", new byte[] {(byte) 0xfb, 0x42, 0x79, 0, 0, 0, 0, 0, 0}).build());
        }

        @Test
        @DisplayName("pcrs holds 1 to 32 entries with unsigned indices 0..31 and 48-byte values")
        void pcrs() {
            assertUnparseable(RejectionReason.INVALID_FIELD, document().pcrCount(33).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().pcr(32, new byte[48]).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().pcr(3, new byte[32]).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().pcr(3, new byte[64]).build());
            assertUnparseable(RejectionReason.INVALID_FIELD,
                    document().rawField("pcrs", new CborWriter().startMap(0).toByteArray()).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().rawField("pcrs",
                    new CborWriter().startMap(1).text("0").bytes(new byte[48]).toByteArray()).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().rawField("pcrs",
                    new CborWriter().startMap(1).negative(-1).bytes(new byte[48]).toByteArray()).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().rawField("pcrs",
                    new CborWriter().startMap(1).uint(0).text("x").toByteArray()).build());
        }

        @Test
        @DisplayName("the same PCR index twice is MALFORMED")
        void duplicatePcr() {
            assertUnparseable(RejectionReason.MALFORMED, document().rawField("pcrs", new CborWriter().startMap(2)
                    .uint(0).bytes(new byte[48]).uint(0).bytes(new byte[48]).toByteArray()).build());
        }

        @Test
        @DisplayName("certificate and every cabundle entry are 1 to 1024 bytes; the cabundle is not empty")
        void certificates() {
            assertUnparseable(RejectionReason.INVALID_FIELD, document().certificate(new byte[0]).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().certificate(new byte[1025]).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().cabundle(List.of()).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().cabundle(List.of(new byte[0])).build());
            assertUnparseable(RejectionReason.INVALID_FIELD, document().cabundle(List.of(new byte[1025])).build());
            assertUnparseable(RejectionReason.INVALID_FIELD,
                    document().cabundle(List.of(new byte[1], new byte[1], new byte[1], new byte[1], new byte[1],
                            new byte[1], new byte[1], new byte[1], new byte[1])).build());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"public_key", "user_data", "nonce"})
        @DisplayName("optional fields hold up to 1024 bytes (the NSM signs 1024, more than the specification's 512)")
        void optionalFieldBounds(String field) throws Exception {
            byte[] full = new byte[1024];
            Arrays.fill(full, (byte) 0x5a);
            VerifiedAttestation verified = verifier().verify(withOptional(field, full).build(), Expectations.withoutNonce());
            assertArrayEquals(full, optional(verified, field).orElseThrow().toByteArray());
            assertUnparseable(RejectionReason.INVALID_FIELD, withOptional(field, new byte[1025]).build());
            assertUnparseable(RejectionReason.INVALID_FIELD,
                    document().rawField(field, new CborWriter().text("abc").toByteArray()).build());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"public_key", "user_data", "nonce"})
        @DisplayName("an empty optional field is present and empty, not absent")
        void emptyOptionalField(String field) throws Exception {
            VerifiedAttestation verified = verifier().verify(withOptional(field, new byte[0]).build(), Expectations.withoutNonce());
            assertTrue(optional(verified, field).orElseThrow().isEmpty());
        }

        @Test
        @DisplayName("all three optional fields at 1024 bytes together, as the NSM allows")
        void allOptionalFieldsFull() throws Exception {
            byte[] full = new byte[1024];
            verifier().verify(document().publicKey(full).userData(full).nonce(full).build(), Expectations.withoutNonce());
        }
    }

    @Nested
    @DisplayName("well-formedness of the payload map")
    class WellFormedness {
        @Test
        @DisplayName("keys are text strings: an integer or byte-string key is MALFORMED")
        void textKeys() {
            assertUnparseable(RejectionReason.MALFORMED, document().extraEntry(new CborWriter().uint(7).toByteArray(),
                    new CborWriter().nul().toByteArray()).build());
            assertUnparseable(RejectionReason.MALFORMED, document().extraEntry(
                    new CborWriter().bytes("nonce".getBytes()).toByteArray(), new CborWriter().nul().toByteArray())
                    .build());
        }

        @Test
        @DisplayName("a duplicate key is MALFORMED, even where both values agree")
        void duplicateKeys() {
            assertUnparseable(RejectionReason.MALFORMED,
                    document().extraField("nonce", new CborWriter().nul().toByteArray()).build());
            assertUnparseable(RejectionReason.MALFORMED,
                    document().extraField("x", new byte[] {1}).extraField("x", new byte[] {1}).build());
        }

        @Test
        @DisplayName("unknown text keys are tolerated and exposed with their raw encoding")
        void unknownKeysExposed() throws Exception {
            byte[] value = new CborWriter().startArray(2).uint(1).text("two").toByteArray();
            VerifiedAttestation verified = verifier().verify(document().extraField("future_field", value).build(), Expectations.withoutNonce());
            assertEquals(HexFormat.of().formatHex(value), verified.unknownFields().get("future_field").toHex());
        }

        @Test
        @DisplayName("indefinite-length maps and arrays at any level verify (documents from 2026 on)")
        void indefiniteLengths() throws Exception {
            byte[] bytes = document().indefiniteLengths(true).publicKey(new byte[3]).build();
            AttestationDocument parsed = AttestationDocument.parse(bytes);
            assertEquals(16, parsed.pcrs().size());
            assertEquals(4, parsed.cabundle().size());
            verifier().verify(bytes, Expectations.withoutNonce());
        }

        @Test
        @DisplayName("17 PCRs verify (an enclave that extended PCR16)")
        void seventeenPcrs() throws Exception {
            assertEquals(17, verifier().verify(document().pcrCount(17).build(), Expectations.withoutNonce()).pcrs().size());
        }

        @Test
        @DisplayName("nesting deeper than the bound is MALFORMED")
        void nestingBounded() {
            CborWriter deep = new CborWriter();
            for (int i = 0; i < 20; i++) {
                deep.startArray(1);
            }
            deep.uint(0);
            assertUnparseable(RejectionReason.MALFORMED, document().extraField("deep", deep.toByteArray()).build());
        }

        @Test
        @DisplayName("a declared length beyond the input is MALFORMED without allocating it")
        void declaredLengthBounded() {
            byte[] hugeBytes = {0x5b, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                (byte) 0xff};
            assertDeclaredTooMuch("declares 9223372036854775807 bytes", document().extraField("huge", hugeBytes));
            byte[] hugeMap = {(byte) 0xba, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
            assertDeclaredTooMuch("declares 2147483647 entries", document().extraField("huge", hugeMap));
            assertDeclaredTooMuch("declares 2147483647 entries", document().rawField("pcrs", hugeMap));
            byte[] hugeArray = {(byte) 0x9a, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
            assertDeclaredTooMuch("declares 2147483647 entries", document().rawField("cabundle", hugeArray));
        }

        @Test
        @DisplayName("a declared length that the decoder would allocate (200,000 bytes) is refused by the scan first")
        void declaredLengthNotAllocated() {
            // The nonce is the payload's last field: it declares 200,000 bytes and holds 3. A decoder that trusted the
            // declared length would allocate it before finding the end; the scan refuses it before anything is read.
            DocumentBuilder document = document().rawField("nonce", new byte[] {0x5a, 0x00, 0x03, 0x0d, 0x40, 1, 2, 3});
            assertDeclaredTooMuch("declares 200000 bytes but only 3 remain", document);
            byte[] bytes = document.build();
            long allocated = Long.MAX_VALUE;
            for (int run = 0; run < 20; run++) {
                allocated = Math.min(allocated, allocatedWhileParsing(bytes));
            }
            assertTrue(allocated < 64 * 1024, "parsing a " + bytes.length + "-byte document allocated " + allocated
                    + " bytes");
        }

        @Test
        @DisplayName("up to 32 unknown keys are tolerated; a 33rd is MALFORMED")
        void unknownKeysBounded() throws Exception {
            assertEquals(32, verifier().verify(withUnknownKeys(32).build(), Expectations.withoutNonce()).unknownFields().size());
            DocumentRejectedException rejection =
                    assertUnparseable(RejectionReason.MALFORMED, withUnknownKeys(33).build());
            assertTrue(rejection.detail().contains("more than 32 keys"), rejection.detail());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(booleans = {false, true})
        @DisplayName("keys are read by name, not position: the nine keys in another order verify with the same fields")
        void keysInAnyOrder(boolean indefinite) throws Exception {
            byte[] nonce = {7, 8, 9};
            VerifiedAttestation nsmOrder = verifier().verify(document().nonce(nonce).build(), Expectations.withoutNonce());
            List<String> reversed = new ArrayList<>(NSM_ORDER);
            Collections.reverse(reversed);
            List<String> shuffled = new ArrayList<>(NSM_ORDER);
            Collections.shuffle(shuffled, new Random(indefinite ? 2 : 1));
            for (List<String> order : List.of(reversed, shuffled)) {
                byte[] bytes = document().nonce(nonce).indefiniteLengths(indefinite).keyOrder(order).build();
                VerifiedAttestation verified = verifier().verify(bytes, Expectations.withoutNonce());
                String firstKey = order.get(0);
                assertEquals(firstKey, new String(Arrays.copyOfRange(verified.document().payload().toByteArray(), 2,
                        2 + firstKey.length()), StandardCharsets.US_ASCII), "the payload starts with " + firstKey);
                assertEquals(nsmOrder.moduleId(), verified.moduleId());
                assertEquals(nsmOrder.timestamp(), verified.timestamp());
                assertEquals(nsmOrder.pcrs().asMap(), verified.pcrs().asMap());
                assertEquals(nsmOrder.nonce(), verified.nonce());
                assertEquals(nsmOrder.certificateChain(), verified.certificateChain());
                assertTrue(verified.userData().isEmpty() && verified.publicKey().isEmpty());
            }
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"5f4101420203ff", "5fff", "5f5818" + "000000000000000000000000000000000000000000000000"
                + "5818000000000000000000000000000000000000000000000000ff"})
        @DisplayName("an indefinite-length (chunked) byte string is MALFORMED: no NSM writes one")
        void chunkedByteStrings(String hex) {
            byte[] chunked = HexFormat.of().parseHex(hex);
            assertChunkedRefused("byte", document().rawField("nonce", chunked));
            assertChunkedRefused("byte", document().rawField("certificate", chunked));
            assertChunkedRefused("byte", document().rawField("pcrs", concat(new byte[] {(byte) 0xa1, 0x00}, chunked)));
            assertChunkedRefused("byte", document().extraField("vendor", chunked));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"7f6169616dff", "7fff", "7f6353484163333834ff"})
        @DisplayName("an indefinite-length (chunked) text string is MALFORMED, as a value or as a key")
        void chunkedTextStrings(String hex) {
            byte[] chunked = HexFormat.of().parseHex(hex);
            assertChunkedRefused("text", document().rawField("module_id", chunked));
            assertChunkedRefused("text", document().rawField("digest", chunked));
            assertChunkedRefused("text", document().extraEntry(chunked, new byte[] {(byte) 0xf6}));
        }

        @Test
        @DisplayName("tags, undefined and other simple values are MALFORMED inside the payload")
        void noTagsOrSimpleValues() {
            assertUnparseable(RejectionReason.MALFORMED,
                    document().rawField("nonce", new CborWriter().tag(24).bytes(new byte[1]).toByteArray()).build());
            assertUnparseable(RejectionReason.MALFORMED, document().rawField("nonce", new byte[] {(byte) 0xf7}).build());
            assertUnparseable(RejectionReason.MALFORMED, document().rawField("nonce", new byte[] {(byte) 0xf0}).build());
        }

        @Test
        @DisplayName("text must be valid UTF-8")
        void utf8() {
            assertUnparseable(RejectionReason.MALFORMED,
                    document().rawField("module_id", new byte[] {0x62, (byte) 0xc0, (byte) 0x80}).build());
            assertUnparseable(RejectionReason.MALFORMED,
                    document().rawField("module_id", new byte[] {0x63, (byte) 0xed, (byte) 0xa0, (byte) 0x80}).build());
        }

        @Test
        @DisplayName("the payload is a map with nothing after it")
        void payloadShape() {
            byte[] payload = document().buildPayload();
            assertUnparseable(RejectionReason.MALFORMED,
                    document().payload(Arrays.copyOf(payload, payload.length + 1)).build());
            assertUnparseable(RejectionReason.MALFORMED,
                    document().payload(new CborWriter().startArray(0).toByteArray()).build());
        }
    }

    @Test
    @DisplayName("the verified result copies bytes out: changing a returned array changes nothing")
    void resultIsImmutable() throws Exception {
        VerifiedAttestation verified = verifier().verify(document().nonce(new byte[] {1, 2, 3}).build(), Expectations.withoutNonce());
        byte[] nonce = verified.nonce().orElseThrow().toByteArray();
        nonce[0] = 9;
        assertEquals(1, verified.nonce().orElseThrow().toByteArray()[0]);
        byte[] pcr0 = verified.pcrs().get(0).orElseThrow().toByteArray();
        pcr0[0] ^= 1;
        assertFalse(Arrays.equals(pcr0, verified.pcrs().get(0).orElseThrow().toByteArray()));
    }

    private static void assertDeclaredTooMuch(String declaration, DocumentBuilder document) {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED, document.build());
        assertTrue(rejection.detail().startsWith("The payload is not well-formed CBOR: "), rejection.detail());
        assertTrue(rejection.detail().contains(declaration), rejection.detail());
    }

    private static void assertChunkedRefused(String kind, DocumentBuilder document) {
        DocumentRejectedException rejection = assertUnparseable(RejectionReason.MALFORMED, document.build());
        assertTrue(rejection.detail().contains("indefinite-length (chunked) " + kind + " string"), rejection.detail());
    }

    /** Bytes the current thread allocates while parsing {@code document}; HotSpot counts them per thread. */
    private static long allocatedWhileParsing(byte[] document) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        assertThrows(DocumentRejectedException.class, () -> AttestationDocument.parse(document));
        return threads.getThreadAllocatedBytes(thread) - before;
    }

    private static DocumentBuilder withUnknownKeys(int count) {
        DocumentBuilder builder = document();
        for (int i = 0; i < count; i++) {
            builder.extraField("vendor_" + i, new byte[] {(byte) 0xf6});
        }
        return builder;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static DocumentBuilder withOptional(String field, byte[] value) {
        return switch (field) {
            case "public_key" -> document().publicKey(value);
            case "user_data" -> document().userData(value);
            default -> document().nonce(value);
        };
    }

    private static java.util.Optional<Bytes> optional(VerifiedAttestation verified, String field) {
        assertTrue(OPTIONAL.contains(field));
        return switch (field) {
            case "public_key" -> verified.publicKey();
            case "user_data" -> verified.userData();
            default -> verified.nonce();
        };
    }
}
