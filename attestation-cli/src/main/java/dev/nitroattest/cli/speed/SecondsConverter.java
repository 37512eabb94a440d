package dev.nitroattest.cli.speed;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --seconds}: a plain decimal number such as {@code 2} or {@code 0.5}. Not Java's double syntax, which
 * also takes {@code NaN}, {@code 1e3} or {@code 2d} and whose error message names a Java type.
 */
public final class SecondsConverter implements ITypeConverter<Double> {
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?|\\.\\d{1,9}");

    @Override
    public Double convert(String value) {
        String text = value.strip();
        if (!DECIMAL.matcher(text).matches()) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds such as 2 or 0.5.");
        }
        return Double.valueOf(text);
    }
}
