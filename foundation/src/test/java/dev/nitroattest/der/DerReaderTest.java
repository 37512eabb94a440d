package dev.nitroattest.der;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The reader's typed reads, each refusing the forms DER does not allow even when the whole was never checked. */
@DisplayName("DerReader: elements in order and typed reads")
class DerReaderTest {
    @Test
    @DisplayName("a SEQUENCE of the typed values reads back, optional fields found or skipped")
    void typedReads() throws DerException {
        byte[] bytes = StrictDerTest.bytes("3017 0101ff 020200ff 0603551d13 030201fe 0500 a003 020102");
        DerReader sequence = DerReader.contentOf(bytes, DerReader.of(bytes).read(DerReader.SEQUENCE, "the value"));
        assertTrue(sequence.readBoolean("a flag"));
        assertEquals(BigInteger.valueOf(255), sequence.readInteger("a number"));
        assertEquals(ObjectIdentifier.of("2.5.29.19"), sequence.readObjectIdentifier("a type"));
        DerReader.BitString bits = sequence.readBitString("some bits");
        assertEquals(1, bits.unusedBits());
        assertArrayEquals(new byte[] {(byte) 0xfe}, bits.bytes());
        assertNull(sequence.readOptional(DerReader.BOOLEAN));
        sequence.read(DerReader.NULL, "nothing");
        DerReader.Element tagged = sequence.readOptional(DerReader.contextConstructed(0));
        assertEquals(BigInteger.TWO, DerReader.contentOf(bytes, tagged).readInteger("a version"));
        sequence.requireEnd("the version");
    }

    @Test
    @DisplayName("typed reads refuse what DER does not allow, and a wrong tag or trailing bytes")
    void typedReadsAreStrict() {
        assertThrows(DerException.class, () -> DerReader.of(StrictDerTest.bytes("020200ff")).readBoolean("x"));
        assertThrows(DerException.class, () -> DerReader.of(StrictDerTest.bytes("0101 01")).readBoolean("x"));
        assertThrows(DerException.class, () -> DerReader.of(StrictDerTest.bytes("0202 0001")).readInteger("x"));
        assertThrows(DerException.class, () -> DerReader.of(StrictDerTest.bytes("0302 0101")).readBitString("x"));
        assertThrows(DerException.class,
                () -> DerReader.of(StrictDerTest.bytes("0602 2b80")).readObjectIdentifier("x"));
        DerException trailing = assertThrows(DerException.class, () -> {
            DerReader reader = DerReader.of(StrictDerTest.bytes("0500 0500"));
            reader.read(DerReader.NULL, "x");
            reader.requireEnd("the NULL");
        });
        assertEquals("bytes follow the NULL", trailing.getMessage());
    }
}
