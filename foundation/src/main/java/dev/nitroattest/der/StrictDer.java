package dev.nitroattest.der;

import java.util.Arrays;

/**
 * Checks that bytes are one element in DER, everywhere inside it: definite minimal lengths, minimal INTEGERs, BOOLEANs
 * 00 or FF, BIT STRINGs whose unused bits are zero, minimal OBJECT IDENTIFIER arcs, NULL empty, UTF-8 that is UTF-8,
 * primitive encodings of primitive types (a constructed string is BER), the elements of a SET OF in DER's order, and
 * no byte left over. Contents of OCTET STRINGs and BIT STRINGs are not opened: what they hold is their reader's
 * business. Only the universal types a certificate carries are known; any other is refused, as are elements nested
 * deeper than {@value #MAX_DEPTH}, so the check's stack is bounded whatever the input.
 */
public final class StrictDer {
    /** How deep elements may nest; an X.509 certificate needs 7. */
    public static final int MAX_DEPTH = 32;

    private StrictDer() {
    }

    /**
     * Checks all of {@code bytes}: one element in DER and nothing after it.
     *
     * @return the element
     * @throws DerException at the first fault, of kind {@link DerException.Kind#NOT_DER} where the bytes are BER
     */
    public static DerReader.Element check(byte[] bytes) throws DerException {
        DerReader reader = DerReader.of(bytes);
        DerReader.Element element = reader.next();
        reader.requireEnd("the outermost element");
        checkElement(bytes, element, 1);
        return element;
    }

    private static void checkElement(byte[] bytes, DerReader.Element element, int depth) throws DerException {
        if (depth > MAX_DEPTH) {
            throw new DerException("elements nested more than " + MAX_DEPTH + " deep");
        }
        int tag = element.tag();
        if ((tag & 0xc0) != 0) {
            // A tagged element's type is known only to the structure around it; a constructed one holds elements.
            if (element.isConstructed()) {
                checkChildren(bytes, element, depth, false);
            }
            return;
        }
        int number = tag & 0x1f;
        if (number == 0x10 || number == 0x11) {
            if (!element.isConstructed()) {
                throw new DerException("a SEQUENCE or SET in primitive form");
            }
            checkChildren(bytes, element, depth, number == 0x11);
            return;
        }
        String type = UniversalType.name(number);
        if (type == null) {
            throw new DerException("an element of universal type " + number + ", which this reader does not know");
        }
        if (element.isConstructed()) {
            throw DerException.notDer("a constructed " + type + ", which DER writes in one piece");
        }
        String what = "an element";
        switch (number) {
            case DerReader.BOOLEAN -> DerContent.checkBoolean(bytes, element, what);
            case DerReader.INTEGER, UniversalType.ENUMERATED -> DerContent.checkInteger(bytes, element, what);
            case DerReader.BIT_STRING -> DerContent.checkBitString(bytes, element, what);
            case DerReader.NULL -> DerContent.checkNull(element, what);
            case DerReader.OBJECT_IDENTIFIER ->
                    DerContent.checkObjectIdentifier(bytes, element.contentStart(), element.end(), what);
            case UniversalType.UTF8_STRING -> DerContent.checkUtf8(bytes, element, what);
            case UniversalType.BMP_STRING -> DerContent.checkCharacterWidth(element, 2, what);
            case UniversalType.UNIVERSAL_STRING -> DerContent.checkCharacterWidth(element, 4, what);
            default -> {
                // OCTET STRING, the 8-bit character strings and the times: any bytes are an encoding of the type.
            }
        }
    }

    private static void checkChildren(byte[] bytes, DerReader.Element parent, int depth, boolean setOf)
            throws DerException {
        DerReader children = DerReader.contentOf(bytes, parent);
        DerReader.Element previous = null;
        while (!children.atEnd()) {
            DerReader.Element child = children.next();
            checkElement(bytes, child, depth + 1);
            if (setOf && previous != null && compare(bytes, previous, child) > 0) {
                throw DerException.notDer("a SET OF whose elements are not in DER's order (ascending encodings)");
            }
            previous = child;
        }
    }

    /**
     * X.690 11.6: encodings compared as unsigned bytes, the shorter one padded with zero bytes at its end. The padding
     * never decides between two whole elements: a tag and its length octets fix an element's size, so two elements
     * that agree over the shorter one's bytes are the same size and the same bytes. Unsigned lexicographic order is
     * then that order.
     */
    private static int compare(byte[] bytes, DerReader.Element a, DerReader.Element b) {
        return Arrays.compareUnsigned(bytes, a.start(), a.end(), bytes, b.start(), b.end());
    }
}
