package dev.nitroattest.cli.speed;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --threads}: a whole number, in a message of the tool's own rather than "is not an int". */
public final class ThreadCountConverter implements ITypeConverter<Integer> {
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");

    @Override
    public Integer convert(String value) {
        String text = value.strip();
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new TypeConversionException("'" + value + "' is not a whole number of threads such as 2.");
        }
        return Integer.valueOf(text);
    }
}
