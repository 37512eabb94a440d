package dev.nitroattest.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void isAnImmutableCopyBothWays() {
        byte[] source = {1, 2, 3};
        Bytes bytes = Bytes.of(source);
        source[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, bytes.toByteArray(), "later writes to the source do not show");
        byte[] out = bytes.toByteArray();
        out[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, bytes.toByteArray(), "writes to a returned array do not show");
        assertNotSame(bytes.toByteArray(), bytes.toByteArray());
    }

    @Test
    void emptyIsOneValue() {
        assertSame(Bytes.of(new byte[0]), Bytes.fromHex(""));
        assertTrue(Bytes.of(new byte[0]).isEmpty());
        assertEquals(0, Bytes.fromHex("").length());
        assertFalse(Bytes.of(new byte[1]).isEmpty());
        assertEquals(1, Bytes.of(new byte[1]).length());
    }

    @Test
    void hexBothWays() {
        Bytes bytes = Bytes.fromHex("00ff7f80");
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80}, bytes.toByteArray());
        assertEquals("00ff7f80", bytes.toHex());
        assertEquals("00ff7f80", bytes.toString());
        assertEquals(bytes, Bytes.fromHex("00FF7F80"), "upper-case hex reads the same");
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("abc"), "an odd number of digits");
        assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("zz"));
        assertThrows(NullPointerException.class, () -> Bytes.fromHex(null));
        assertThrows(NullPointerException.class, () -> Bytes.of(null));
    }

    @Test
    void equalityIsByContent() {
        Bytes a = Bytes.fromHex("0102");
        Bytes b = Bytes.of(new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(Arrays.hashCode(new byte[] {1, 2}), a.hashCode());
        assertNotEquals(a, Bytes.fromHex("0103"));
        assertNotEquals(a, Bytes.fromHex("010200"));
        assertFalse(a.equals("0102"), "not equal to its text");
        assertFalse(a.equals(null));
    }

    @Test
    void constantTimeEqualsComparesContent() {
        Bytes bytes = Bytes.fromHex("a1b2c3");
        assertTrue(bytes.constantTimeEquals(new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc3}));
        assertTrue(bytes.constantTimeEquals(Bytes.fromHex("a1b2c3")));
        assertFalse(bytes.constantTimeEquals(new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0xc4}));
        assertFalse(bytes.constantTimeEquals(Bytes.fromHex("a1b2")));
        assertFalse(bytes.constantTimeEquals(Bytes.fromHex("a1b2c300")));
    }

    /** Every single set bit at every position of a few lengths makes the value non-zero. */
    @Test
    void isAllZeroSeesAnySetBit() {
        for (int length : new int[] {0, 1, 2, 32, 48}) {
            assertTrue(Bytes.of(new byte[length]).isAllZero(), "length " + length);
            for (int index = 0; index < length; index++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] value = new byte[length];
                    value[index] = (byte) (1 << bit);
                    assertFalse(Bytes.of(value).isAllZero(), "byte " + index + ", bit " + bit);
                }
            }
        }
        byte[] random = new byte[48];
        new Random(23).nextBytes(random);
        random[0] = 1;
        assertFalse(Bytes.of(random).isAllZero());
    }
}
