package dev.nitroattest.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Object identifiers between their dotted form and their DER content, both ways. */
@DisplayName("ObjectIdentifier: dotted form and DER content")
class ObjectIdentifierTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "1.3.132.0.34, 2b81040022",
        "1.2.840.10045.4.3.3, 2a8648ce3d040303",
        "2.5.29.19, 551d13",
        "0.9.2342.19200300.100.1.25, 0992268993f22c640119",
        "2.999.3, 883703",
        "1.1.18446744073709551616, 2982808080808080808000"})
    @DisplayName("the dotted form and the content are the same identifier, both ways (arcs beyond 64 bits too)")
    void bothWays(String dotted, String hex) throws DerException {
        byte[] content = HexFormat.of().parseHex(hex);
        assertArrayEquals(content, ObjectIdentifier.of(dotted).content());
        assertEquals(dotted, ObjectIdentifier.fromContent(content, "the identifier").toString());
        assertEquals(ObjectIdentifier.of(dotted), ObjectIdentifier.fromContent(content, "the identifier"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "3.1", "1.40", "0.40.1", "1..2", "1.2.", "a.b", "-1.2"})
    @DisplayName("a dotted text that is no identifier is refused")
    void invalidDotted(String dotted) {
        assertThrows(IllegalArgumentException.class, () -> ObjectIdentifier.of(dotted));
    }

    @Test
    @DisplayName("content with a leading 0x80 in an arc or an unfinished last arc is refused")
    void invalidContent() {
        assertThrows(DerException.class, () -> ObjectIdentifier.fromContent(new byte[] {0x2b, (byte) 0x80, 0x01}, "x"));
        assertThrows(DerException.class, () -> ObjectIdentifier.fromContent(new byte[] {0x2b, (byte) 0x81}, "x"));
        assertThrows(DerException.class, () -> ObjectIdentifier.fromContent(new byte[0], "x"));
        assertNotEquals(ObjectIdentifier.of("2.5.29.19"), ObjectIdentifier.of("2.5.29.15"));
    }
}
