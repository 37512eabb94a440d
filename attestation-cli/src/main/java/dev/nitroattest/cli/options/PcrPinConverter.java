package dev.nitroattest.cli.options;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code INDEX=HEX}, checking the index range and the value's length here so that the message names both. */
public final class PcrPinConverter implements ITypeConverter<PcrPin> {
    private static final int MAX_INDEX = 31;
    private static final int HEX_DIGITS = 96;

    @Override
    public PcrPin convert(String value) {
        int equals = value.indexOf('=');
        if (equals < 0) {
            throw new TypeConversionException("'" + value + "' is not INDEX=HEX, such as 0=<96 hex digits>.");
        }
        String indexText = value.substring(0, equals).strip();
        int index = parseIndex(indexText);
        String hex = value.substring(equals + 1).strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        int wrong = Ascii.firstNonHexDigit(hex);
        if (wrong >= 0) {
            throw new TypeConversionException("the value for PCR" + index + " is not hexadecimal (character '"
                    + hex.charAt(wrong) + "' at position " + (wrong + 1) + "; hex digits are 0-9 and a-f in ASCII).");
        }
        if (hex.length() != HEX_DIGITS) {
            throw new TypeConversionException("the value for PCR" + index + " has " + hex.length() + " hex digits; a "
                    + "SHA-384 PCR has " + HEX_DIGITS + " (48 bytes).");
        }
        return new PcrPin(index, hex.toLowerCase(Locale.ROOT));
    }

    private static int parseIndex(String text) {
        if (text.length() > 2 || !Ascii.isDigits(text)) {
            throw new TypeConversionException("the PCR index '" + text + "' is not a number from 0 to " + MAX_INDEX
                    + ".");
        }
        int index = Integer.parseInt(text);
        if (index > MAX_INDEX) {
            throw new TypeConversionException("the PCR index " + index + " is outside 0.." + MAX_INDEX + ".");
        }
        return index;
    }
}
