package dev.nitroattest.cli.options;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a file name. Picocli's own converter for {@link Path} finds {@code Paths.get} by reflection and calls it
 * through {@code Method.invoke}; this one calls {@link Path#of} directly.
 */
public final class PathConverter implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a file name on this system (" + e.getReason()
                    + ").");
        }
    }
}
