package dev.nitroattest.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CborWriterTest {
    private static String hex(CborWriter writer) {
        return HexFormat.of().formatHex(writer.toByteArray());
    }

    @Test
    void unsignedIntegersTakeTheirShortestForm() {
        assertEquals("00", hex(new CborWriter().uint(0)));
        assertEquals("17", hex(new CborWriter().uint(23)));
        assertEquals("1818", hex(new CborWriter().uint(24)));
        assertEquals("18ff", hex(new CborWriter().uint(255)));
        assertEquals("190100", hex(new CborWriter().uint(256)));
        assertEquals("1a00010000", hex(new CborWriter().uint(65536)));
        assertEquals("1b0000000100000000", hex(new CborWriter().uint(1L << 32)));
        assertThrows(IllegalArgumentException.class, () -> new CborWriter().uint(-1));
    }

    @Test
    void uint64AlwaysTakesEightBytes() {
        assertEquals("1b0000000000000000", hex(new CborWriter().uint64(0)));
        assertEquals("1b0000019cae347780", hex(new CborWriter().uint64(1772449200000L)));
        assertEquals("1b0000000000000017", hex(new CborWriter().uint64(23)));
    }

    @Test
    void negativeIntegersEncodeMinusOneMinusTheirValue() {
        assertEquals("20", hex(new CborWriter().negative(-1)));
        assertEquals("3822", hex(new CborWriter().negative(-35)));
        assertEquals("3823", hex(new CborWriter().negative(-36)));
        assertEquals("26", hex(new CborWriter().negative(-7)));
        assertThrows(IllegalArgumentException.class, () -> new CborWriter().negative(0));
    }

    @Test
    void stringsAndContainers() {
        assertEquals("6a5369676e617475726531", hex(new CborWriter().text("Signature1")));
        assertEquals("40", hex(new CborWriter().bytes(new byte[0])));
        assertEquals("5818" + "00".repeat(24), hex(new CborWriter().bytes(new byte[24])));
        assertEquals("a1013822", hex(new CborWriter().startMap(1).uint(1).negative(-35)));
        assertEquals("9f01ff", hex(new CborWriter().startIndefiniteArray().uint(1).breakIndefinite()));
        assertEquals("bf6161f6ff", hex(new CborWriter().startIndefiniteMap().text("a").nul().breakIndefinite()));
        assertEquals("98200102", hex(new CborWriter().startArray(32).uint(1).uint(2)));
    }

    @Test
    void tagsSimpleValuesAndRawBytes() {
        assertEquals("d2", hex(new CborWriter().tag(18)));
        assertEquals("d818", hex(new CborWriter().tag(24)));
        assertEquals("f5f4f6", hex(new CborWriter().bool(true).bool(false).nul()));
        assertEquals("c328", hex(new CborWriter().raw(new byte[] {(byte) 0xc3, 0x28})));
    }
}
