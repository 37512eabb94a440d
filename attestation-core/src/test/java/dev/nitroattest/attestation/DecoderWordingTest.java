package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nitroattest.testkit.CborWriter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule 7: a rejection's detail is this library's own sentence. Whatever the document holds, no exception's text and
 * no class name (the JDK's or one of the decoders') may reach a detail, as they would if a decoder let an
 * unexpected exception through or built a sentence from one. Hostile inputs: every kind of key CBOR allows in every
 * map of the document, over-long keys, and seeded random corruptions of a valid document.
 */
@DisplayName("Rejection details use the library's own words, never an exception's or a class name")
class DecoderWordingTest {
    /**
     * What the text of an exception or a class name would bring into a detail, compared in lower case: exception
     * class names (the JDK's and {@code CborException}), package names, the classes that decode a document, and the
     * JDK's own messages for an index out of range, a failed cast, a null and a number that does not parse.
     */
    private static final List<String> IMPLEMENTATION_WORDING = List.of("exception", "java.", "dev.nitroattest",
            "cborreader", "cborscanner", "cbordecoder", "cbortoken", "payloaddecoder", "cosesign1decoder",
            "out of bounds for length", "cannot be cast", "because \"", "for input string");
    private static final HexFormat HEX = HexFormat.of();
    /** Seeded: the same corruptions in every run. */
    private static final long SEED = 0x5eed_d0c5L;
    private static final int RANDOM_CORRUPTIONS = 400;

    /** Every kind of CBOR map key that is not a text string, encoded. */
    private static final List<String> ODD_KEYS = List.of(
            "f93c00", // half float 1.0
            "fa3f800000", // single float 1.0
            "fb3ff0000000000000", // double float 1.0
            "f4", "f5", // false, true
            "f6", // null
            "f7", // undefined
            "f0", // simple value 16
            "80", "820102", "9f01ff", // arrays
            "a0", "a10102", "bf0102ff", // maps
            "c11a5f5e1000", // tag 1
            "01", "20", "1bffffffffffffffff", "3bffffffffffffffff", // integers
            "4100", "40", // byte strings
            "7a00000401" + "61".repeat(1025)); // a 1025-byte text key

    static Stream<Arguments> hostileDocuments() {
        return Hostile.DOCUMENTS.stream().map(named -> Arguments.of(named.name(), named.bytes().clone()));
    }

    /** A hostile document and what it is. */
    private record NamedDocument(String name, byte[] bytes) {
    }

    /**
     * The hostile documents, signed once for the whole class: a mutation run repeats this test once per mutant in
     * the same JVM, and signing the hundreds of documents again each time would dominate it.
     */
    private static final class Hostile {
        static final List<NamedDocument> DOCUMENTS = build();
    }

    private static List<NamedDocument> build() {
        List<NamedDocument> documents = new ArrayList<>();
        for (String key : ODD_KEYS) {
            byte[] encodedKey = HEX.parseHex(key);
            documents.add(new NamedDocument("payload key " + key(key),
                    document().extraEntry(encodedKey, NULL).build()));
            documents.add(new NamedDocument("payload key in an indefinite map " + key(key),
                    document().indefiniteLengths(true).extraEntry(encodedKey, NULL).build()));
            documents.add(new NamedDocument("key of an unknown field's map " + key(key),
                    document().extraField("x", map(encodedKey)).build()));
            documents.add(new NamedDocument("pcrs key " + key(key),
                    document().rawField("pcrs", map(encodedKey)).build()));
            documents.add(new NamedDocument("unprotected header key " + key(key),
                    document().unprotectedHeader(map(encodedKey)).build()));
            documents.add(new NamedDocument("protected header key " + key(key),
                    document().protectedHeader(map(encodedKey)).build()));
            documents.add(new NamedDocument("payload of one entry with key " + key(key),
                    document().payload(map(encodedKey)).build()));
        }
        byte[] valid = document().build();
        byte[] indefinite = document().indefiniteLengths(true).build();
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < RANDOM_CORRUPTIONS; i++) {
            byte[] base = (i % 2 == 0 ? valid : indefinite).clone();
            int changes = 1 + random.nextInt(4);
            for (int change = 0; change < changes; change++) {
                // Heads and keys lie in the first few hundred bytes; the signature's bytes are noise to a decoder.
                int position = random.nextInt(Math.min(base.length, 400));
                base[position] = (byte) random.nextInt(256);
            }
            documents.add(new NamedDocument("random corruption " + i, base));
        }
        return List.copyOf(documents);
    }

    private static final byte[] NULL = {(byte) 0xf6};

    private static String key(String hex) {
        return hex.length() > 24 ? hex.substring(0, 24) + "..." : hex;
    }

    /** A one-entry map from {@code encodedKey} to null. */
    private static byte[] map(byte[] encodedKey) {
        return new CborWriter().startMap(1).raw(encodedKey).nul().toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDocuments")
    void detailHasNoImplementationWording(String name, byte[] document) {
        String detail = detailOf(document);
        if (detail == null) {
            return;
        }
        assertOwnWords(detail);
    }

    /** Fails if {@code detail} holds an exception's text or a class name, or is the unexpected-failure sentence. */
    static void assertOwnWords(String detail) {
        String lower = detail.toLowerCase(Locale.ROOT);
        for (String fragment : IMPLEMENTATION_WORDING) {
            assertFalse(lower.contains(fragment), () -> "\"" + fragment + "\" in: " + detail);
        }
        assertFalse(detail.startsWith(AttestationDocument.UNEXPECTED_FAILURE), detail);
    }

    /** The detail of the document's rejection, or null if it verifies (a corruption of an unsigned byte). */
    private static String detailOf(byte[] document) {
        try {
            Fixtures.verifier().verify(AttestationDocument.parse(document), Expectations.withoutNonce());
            return null;
        } catch (DocumentRejectedException rejected) {
            return rejected.detail();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("floatBooleanAndArrayKeys")
    @DisplayName("a float, boolean or array payload key is MALFORMED, said in the library's words")
    void nonStringKeysAreMalformed(String key) {
        DocumentRejectedException rejected = assertThrows(DocumentRejectedException.class,
                () -> AttestationDocument.parse(document().extraEntry(HEX.parseHex(key), NULL).build()));
        assertEquals(RejectionReason.MALFORMED, rejected.reason(), rejected::detail);
        if (!rejected.detail().contains("a map key that is neither a text string nor an integer")) {
            fail(rejected.detail());
        }
    }

    static Stream<String> floatBooleanAndArrayKeys() {
        return Stream.of("fa3f800000", "f5", "820102", "a0", "f6");
    }
}
