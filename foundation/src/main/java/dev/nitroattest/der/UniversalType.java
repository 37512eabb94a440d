package dev.nitroattest.der;

/** The universal types {@link StrictDer} knows, by tag number, and their names for messages. */
final class UniversalType {
    static final int ENUMERATED = 10;
    static final int UTF8_STRING = 12;
    static final int BMP_STRING = 30;
    static final int UNIVERSAL_STRING = 28;

    private UniversalType() {
    }

    /** The type's name, or null for a type this package does not know (SEQUENCE and SET are handled apart). */
    static String name(int number) {
        return switch (number) {
            case 1 -> "BOOLEAN";
            case 2 -> "INTEGER";
            case 3 -> "BIT STRING";
            case 4 -> "OCTET STRING";
            case 5 -> "NULL";
            case 6 -> "OBJECT IDENTIFIER";
            case ENUMERATED -> "ENUMERATED";
            case UTF8_STRING -> "UTF8String";
            case 18 -> "NumericString";
            case 19 -> "PrintableString";
            case 20 -> "T61String";
            case 21 -> "VideotexString";
            case 22 -> "IA5String";
            case 23 -> "UTCTime";
            case 24 -> "GeneralizedTime";
            case 25 -> "GraphicString";
            case 26 -> "VisibleString";
            case 27 -> "GeneralString";
            case UNIVERSAL_STRING -> "UniversalString";
            case BMP_STRING -> "BMPString";
            default -> null;
        };
    }
}
