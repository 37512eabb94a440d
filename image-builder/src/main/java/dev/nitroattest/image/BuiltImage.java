package dev.nitroattest.image;

import dev.nitroattest.eif.EnclaveMeasurements;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image the builder wrote, with the PCRs it computed while writing it: the values an enclave started from the
 * file reports, known before it runs.
 *
 * @param file the image file
 * @param size its length in bytes
 * @param measurements PCR0, PCR1 and PCR2, and PCR8 (the signing certificate's) when the image is signed
 * @param standInBlobs whether the kernel, init and NSM driver were stand-ins, so that PCR0 and PCR1 are not those of
 *     any real enclave image (PCR2, the application, is)
 */
public record BuiltImage(Path file, long size, EnclaveMeasurements measurements, boolean standInBlobs) {
    /** Checks that the file and measurements are given. */
    public BuiltImage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(measurements, "measurements");
    }

    /**
     * The PCRs as JSON, in the shape of nitro-cli build-enclave's output ({@code Measurements} with
     * {@code HashAlgorithm} and {@code PCR0}, {@code PCR1}, {@code PCR2}, and {@code PCR8} if signed), with
     * {@code StandInBlobs} saying whether
     * they are a real image's: the {@code pcrs.json} written beside the image.
     */
    public String pcrsJson() {
        StringBuilder json = new StringBuilder("{\n  \"Measurements\": {\n    \"HashAlgorithm\": \"Sha384 { ... }\"");
        measurements.asMap().forEach((index, value) ->
                json.append(",\n    \"PCR").append(index).append("\": \"").append(value.toHex()).append('"'));
        return json.append("\n  },\n  \"StandInBlobs\": ").append(standInBlobs).append("\n}\n").toString();
    }
}
