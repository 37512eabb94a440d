package dev.nitroattest.der;

import static dev.nitroattest.der.DerLengthTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * X.690 11.6: a SET OF's elements in ascending order of their encodings, compared as unsigned octets, the shorter
 * padded at its end with zero octets. Elements of different lengths, equal prefixes, octets above 0x7f and the last
 * element at the array's very end are the cases where a comparison gets it wrong.
 */
@DisplayName("StrictDer: the order of a SET OF (X.690 11.6)")
class StrictDerSetOrderTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "3106 0402 0000 0500", // the longer first, smaller at its first octet; the shorter last in the array
        "3107 0401 00 0402 0000", // the same tag, the shorter length first
        "3106 0401 7f 0401 80", // 0x80 is above 0x7f unsigned
        "3106 0401 80 0401 80",
        "3109 0401 ff 0404 00000000"})
    @DisplayName("the set in DER's order is accepted")
    void ascending(String hex) throws DerException {
        byte[] bytes = hex(hex);
        assertEquals(new DerReader.Element(DerReader.SET, 0, 2, bytes.length), StrictDer.check(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "3107 0402 0000 0401 00", // the longer first at the same tag: its length octet is larger
        "3106 0500 0402 0000", // the shorter first, larger at its first octet
        "3106 0401 80 0401 7f", // signed octets would call this ascending
        "3106 0401 01 0401 00",
        "3109 0404 00000000 0401 ff",
        "3107 0500 0500 0401 00"})
    @DisplayName("the set out of DER's order is BER, not DER")
    void descending(String hex) {
        DerException e = assertThrows(DerException.class, () -> StrictDer.check(hex(hex)), hex);
        assertEquals(DerException.Kind.NOT_DER, e.kind(), hex);
        assertEquals("a SET OF whose elements are not in DER's order (ascending encodings)", e.getMessage());
    }

    @Test
    @DisplayName("seeded sets of random INTEGERs and OCTET STRINGs: sorted they pass, any descending pair fails")
    void randomSets() throws DerException {
        Random random = new Random(0x5e70_f_11L);
        for (int round = 0; round < 300; round++) {
            List<byte[]> elements = new ArrayList<>();
            int count = 2 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                byte[] content = new byte[1 + random.nextInt(3)];
                random.nextBytes(content);
                content[0] = (byte) (content[0] & 0x3f | 0x01); // a minimal INTEGER or any OCTET STRING
                byte[] element = new byte[2 + content.length];
                element[0] = (byte) (random.nextBoolean() ? DerReader.INTEGER : DerReader.OCTET_STRING);
                element[1] = (byte) content.length;
                System.arraycopy(content, 0, element, 2, content.length);
                elements.add(element);
            }
            elements.sort(Arrays::compareUnsigned);
            StrictDer.check(set(elements));
            int first = random.nextInt(count - 1);
            if (Arrays.compareUnsigned(elements.get(first), elements.get(first + 1)) < 0) {
                byte[] swapped = elements.get(first);
                elements.set(first, elements.get(first + 1));
                elements.set(first + 1, swapped);
                byte[] bytes = set(elements);
                assertEquals(DerException.Kind.NOT_DER,
                        assertThrows(DerException.class, () -> StrictDer.check(bytes),
                                HexFormat.of().formatHex(bytes)).kind());
            }
        }
    }

    private static byte[] set(List<byte[]> elements) {
        int length = elements.stream().mapToInt(e -> e.length).sum();
        byte[] bytes = new byte[2 + length];
        bytes[0] = DerReader.SET;
        bytes[1] = (byte) length;
        int at = 2;
        for (byte[] element : elements) {
            System.arraycopy(element, 0, bytes, at, element.length);
            at += element.length;
        }
        return bytes;
    }
}
