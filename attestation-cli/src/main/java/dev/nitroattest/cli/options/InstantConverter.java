package dev.nitroattest.cli.options;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a point in time: an ISO-8601 instant ({@code 2025-04-04T18:39:07Z}), a date-time with an offset
 * ({@code 2025-04-04T20:39:07+02:00}), or milliseconds since the epoch, the unit of a document's timestamp.
 */
public final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.strip();
        if (Ascii.isDigits(text)) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is too large for milliseconds since the epoch.");
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException notAnOffsetDateTime) {
                throw new TypeConversionException("'" + value + "' is neither an ISO-8601 time such as "
                        + "2025-04-04T18:39:07Z nor milliseconds since the epoch.");
            }
        }
    }
}
