package dev.nitroattest.der;

import static dev.nitroattest.der.DerLengthTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * X.690 8.19: the arcs of an OBJECT IDENTIFIER, the first two joined as 40 * first + second, each in base 128 in the
 * fewest octets; the dotted text is ASCII decimal arcs only, two or more.
 */
@DisplayName("ObjectIdentifier: arcs, the first two arcs, and the dotted text")
class ObjectIdentifierArcsTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0.0, 00",
        "2.5, 55",
        "1.39, 4f",
        "2.47, 7f",
        "2.48, 8100",
        "2.999999999999999999999999, 86cf849be7b39dda8880804f",
        "2.72057594037927855, ffffffffffffff7f",
        "2.72057594037927856, 818080808080808000",
        "1.2.72057594037927935, 2a ffffffffffffff7f",
        "1.2.72057594037927936, 2a 818080808080808000"})
    @DisplayName("the first two arcs in one (2.x with x of any size), arcs of eight and nine base-128 digits")
    void arcsBothWays(String dotted, String hex) throws DerException {
        byte[] content = hex(hex);
        assertArrayEquals(content, ObjectIdentifier.of(dotted).content());
        assertEquals(dotted, ObjectIdentifier.fromContent(content, "the identifier").toString());
    }

    @Test
    @DisplayName("seeded random identifiers read back from their content as the same dotted text")
    void randomIdentifiers() throws DerException {
        Random random = new Random(0x01d_a7c5L);
        for (int i = 0; i < 2000; i++) {
            int first = random.nextInt(3);
            StringBuilder dotted = new StringBuilder().append(first).append('.')
                    .append(first < 2 ? BigInteger.valueOf(random.nextInt(40)) : arc(random));
            for (int arcs = random.nextInt(5); arcs > 0; arcs--) {
                dotted.append('.').append(arc(random));
            }
            ObjectIdentifier identifier = ObjectIdentifier.of(dotted.toString());
            ObjectIdentifier read = ObjectIdentifier.fromContent(identifier.content(), "the identifier");
            assertEquals(dotted.toString(), read.toString());
            assertEquals(identifier, read);
            assertEquals(identifier.hashCode(), read.hashCode());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1        | an OBJECT IDENTIFIER has two arcs or more: 1",
        "1..2     | not a dotted OBJECT IDENTIFIER: 1..2",
        "1.2.     | not a dotted OBJECT IDENTIFIER: 1.2.",
        ".1.2     | not a dotted OBJECT IDENTIFIER: .1.2",
        "1.2.+3   | not a dotted OBJECT IDENTIFIER: 1.2.+3",
        "1.2.-3   | not a dotted OBJECT IDENTIFIER: 1.2.-3",
        "1.2.a    | not a dotted OBJECT IDENTIFIER: 1.2.a",
        "1.2.3f   | not a dotted OBJECT IDENTIFIER: 1.2.3f",
        "1.2.\u0663  | not a dotted OBJECT IDENTIFIER: 1.2.\u0663",
        "1.2.\uff13  | not a dotted OBJECT IDENTIFIER: 1.2.\uff13",
        "1.2.:    | not a dotted OBJECT IDENTIFIER: 1.2.:",
        "1.2./    | not a dotted OBJECT IDENTIFIER: 1.2./",
        "3.0      | not a valid first and second arc: 3.0",
        "1.40     | not a valid first and second arc: 1.40"})
    @DisplayName("text that is not two or more ASCII decimal arcs, or a wrong first pair, is refused in those words")
    void invalidDotted(String dotted, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> ObjectIdentifier.of(dotted))
                .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.39", "1.0", "2.40", "0.0.0", "2.5.29.19.0"})
    @DisplayName("the edges of the first pair and zero arcs are identifiers")
    void validEdges(String dotted) {
        assertEquals(dotted, ObjectIdentifier.of(dotted).toString());
    }

    @Test
    @DisplayName("isContentOf compares the identifier with an element's content wherever it lies, and all of it")
    void contentOfAnElement() throws DerException {
        byte[] bytes = hex("300a 0603 551d13 0603 551d0f");
        DerReader children = DerReader.contentOf(bytes, DerReader.of(bytes).next());
        DerReader.Element basicConstraints = children.next();
        DerReader.Element keyUsage = children.next();
        ObjectIdentifier id = ObjectIdentifier.of("2.5.29.19");
        assertTrue(id.isContentOf(bytes, basicConstraints));
        assertFalse(id.isContentOf(bytes, keyUsage));
        assertTrue(ObjectIdentifier.of("2.5.29.15").isContentOf(bytes, keyUsage));
        assertFalse(ObjectIdentifier.of("2.5.29").isContentOf(bytes, basicConstraints));
    }

    @Test
    @DisplayName("distinct identifiers spread over hash codes, so maps keyed by them do not fall to one bucket")
    void hashesSpread() {
        Set<Integer> hashes = new HashSet<>();
        for (int arc = 0; arc < 100; arc++) {
            ObjectIdentifier id = ObjectIdentifier.of("1.2.840." + arc);
            assertEquals(ObjectIdentifier.of("1.2.840." + arc).hashCode(), id.hashCode());
            hashes.add(id.hashCode());
        }
        assertEquals(100, hashes.size());
    }

    /** An arc of 1 to 80 bits, so that both the 8-digit and the longer form of an arc are met. */
    private static BigInteger arc(Random random) {
        return new BigInteger(1 + random.nextInt(80), random);
    }
}
