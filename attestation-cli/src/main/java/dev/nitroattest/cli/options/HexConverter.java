package dev.nitroattest.cli.options;

import dev.nitroattest.bytes.Bytes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a byte string given in hexadecimal, such as {@code --nonce 0a1b2c}. */
public final class HexConverter implements ITypeConverter<Bytes> {

    @Override
    public Bytes convert(String value) {
        String hex = value.strip();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        int wrong = Ascii.firstNonHexDigit(hex);
        if (wrong >= 0) {
            throw new TypeConversionException("'" + value + "' is not hexadecimal (character '" + hex.charAt(wrong)
                    + "' at position " + (wrong + 1) + "; hex digits are 0-9 and a-f in ASCII).");
        }
        if (hex.length() % 2 != 0) {
            throw new TypeConversionException("'" + value + "' has an odd number of hex digits; each byte takes two.");
        }
        return Bytes.fromHex(hex);
    }
}
