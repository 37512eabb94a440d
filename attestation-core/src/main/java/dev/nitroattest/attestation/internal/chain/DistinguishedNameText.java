package dev.nitroattest.attestation.internal.chain;

import dev.nitroattest.der.DerException;
import dev.nitroattest.der.DerReader;
import dev.nitroattest.der.DerReader.Element;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A Name ({@code SEQUENCE OF SET OF AttributeTypeAndValue}, RFC 5280 4.1.2.4) checked and shown as text the way
 * Bouncy Castle's {@code X500Name.toString()} showed it when it decoded our certificates: relative names in their
 * encoded order joined by {@code ,}, the values of a multi-valued one by {@code +}, each {@code TYPE=value} with
 * {@link AttributeTypeSymbols}; a string value as its characters with {@code , " \ + = < > ;}, a leading {@code #}
 * and leading and trailing spaces escaped by a backslash; any other value as {@code #} and the hex of its DER.
 * Rejection labels and {@code CertificateInfo} show this text, so it stays what callers have seen.
 */
final class DistinguishedNameText {
    private static final HexFormat LOWER_HEX = HexFormat.of();
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private DistinguishedNameText() {
    }

    /**
     * Checks a Name's structure and returns its text.
     *
     * @param field "issuer" or "subject", for the exception's phrase
     * @throws DerException if an element is not a non-empty SET of SEQUENCEs of an OBJECT IDENTIFIER and one value,
     *     or a value is a time (which no attribute of a certificate's name holds)
     */
    static String of(byte[] der, Element name, String field) throws DerException {
        StringBuilder text = new StringBuilder();
        DerReader relativeNames = DerReader.contentOf(der, name);
        boolean firstName = true;
        while (!relativeNames.atEnd()) {
            DerReader attributes = DerReader.contentOf(der, relativeNames.read(DerReader.SET, field
                    + "'s relative name"));
            if (attributes.atEnd()) {
                // RelativeDistinguishedName ::= SET SIZE (1..MAX): an empty one is no ASN.1 value of the type.
                throw new DerException(field + " has a relative name without an attribute");
            }
            if (!firstName) {
                text.append(',');
            }
            firstName = false;
            boolean firstAttribute = true;
            while (!attributes.atEnd()) {
                DerReader attribute = DerReader.contentOf(der, attributes.read(DerReader.SEQUENCE, field
                        + "'s attribute"));
                String type = attribute.readObjectIdentifier(field + "'s attribute type").toString();
                Element value = attribute.next();
                attribute.requireEnd(field + "'s attribute value");
                if (!firstAttribute) {
                    text.append('+');
                }
                firstAttribute = false;
                text.append(AttributeTypeSymbols.of(type)).append('=').append(valueText(der, value, field));
            }
        }
        return text.toString();
    }

    private static String valueText(byte[] der, Element value, String field) throws DerException {
        String characters = switch (value.tag()) {
            case 0x0c -> new String(der, value.contentStart(), value.length(), StandardCharsets.UTF_8);
            // NumericString, PrintableString, T61String, VideotexString, IA5String, GraphicString, VisibleString,
            // GeneralString: each byte one character.
            case 0x12, 0x13, 0x14, 0x15, 0x16, 0x19, 0x1a, 0x1b ->
                    new String(der, value.contentStart(), value.length(), StandardCharsets.ISO_8859_1);
            case 0x1e -> bmpCharacters(der, value);
            // A BIT STRING is a string to Bouncy Castle, whose characters are '#' and its DER in upper-case hex.
            case DerReader.BIT_STRING -> "#" + UPPER_HEX.formatHex(der, value.start(), value.end());
            case DerReader.UTC_TIME, DerReader.GENERALIZED_TIME ->
                    throw new DerException(field + " has a time as an attribute value");
            default -> null;
        };
        if (characters == null) {
            return "#" + LOWER_HEX.formatHex(der, value.start(), value.end());
        }
        return escaped(characters);
    }

    /** UTF-16 code units as written, a lone surrogate included (the DER check has made the length even). */
    private static String bmpCharacters(byte[] der, Element value) {
        char[] characters = new char[value.length() / 2];
        for (int i = 0; i < characters.length; i++) {
            int at = value.contentStart() + 2 * i;
            characters[i] = (char) ((der[at] & 0xff) << 8 | der[at + 1] & 0xff);
        }
        return new String(characters);
    }

    /**
     * A string value with the characters RFC 4514 gives a meaning escaped by a backslash, as Bouncy Castle wrote it: a
     * leading '#' gets a backslash, and the two characters of a leading backslash and '#' (added so, or written so in
     * the value) are left as they are, so that the hex of a BIT STRING after them is not escaped.
     */
    private static String escaped(String characters) {
        String value = characters.startsWith("#") ? "\\" + characters : characters;
        StringBuilder text = new StringBuilder(value.length() + 8);
        int from = value.startsWith("\\#") ? 2 : 0;
        text.append(value, 0, from);
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",\"\\+=<>;".indexOf(c) >= 0) {
                text.append('\\');
            }
            text.append(c);
        }
        int leading = 0;
        while (leading < text.length() && text.charAt(leading) == ' ') {
            leading++;
        }
        if (leading == text.length()) {
            return "\\ ".repeat(leading);
        }
        int trailing = 0;
        while (text.charAt(text.length() - 1 - trailing) == ' ') {
            trailing++;
        }
        return "\\ ".repeat(leading) + text.substring(leading, text.length() - trailing) + "\\ ".repeat(trailing);
    }
}
