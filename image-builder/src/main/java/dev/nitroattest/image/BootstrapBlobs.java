package dev.nitroattest.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The parts of an image that nitro-cli takes from its blobs directory ({@code /usr/share/nitro_enclaves/blobs} on a
 * parent instance) rather than from the application: they make PCR1.
 *
 * @param kernel the kernel ({@code bzImage})
 * @param kernelConfig its configuration ({@code bzImage.config}); its third line names the kernel's version, which
 *     the image's metadata records
 * @param cmdline the kernel command line ({@code cmdline}), trailing line break and spaces dropped
 * @param init the enclave's first process ({@code init}), built from aws-nitro-enclaves-sdk-bootstrap
 * @param nsmModule the NSM driver ({@code nsm.ko})
 * @param standIn whether these are stand-ins for the real blobs, so that the PCRs are not those of a real image: a
 *     directory holding a file named {@value #STAND_IN_MARKER} is taken as one
 */
public record BootstrapBlobs(Path kernel, Path kernelConfig, Path cmdline, Path init, Path nsmModule,
        boolean standIn) {
    /** The file whose presence in a blobs directory marks its blobs as stand-ins for nitro-cli's. */
    public static final String STAND_IN_MARKER = "STAND-IN";

    /** Checks that every part is given. */
    public BootstrapBlobs {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(kernelConfig, "kernelConfig");
        Objects.requireNonNull(cmdline, "cmdline");
        Objects.requireNonNull(init, "init");
        Objects.requireNonNull(nsmModule, "nsmModule");
    }

    /**
     * The blobs of a directory laid out as nitro-cli's x86_64 blobs: {@code bzImage}, {@code bzImage.config},
     * {@code cmdline}, {@code init} and {@code nsm.ko}. Whether they exist is checked when the image is built.
     */
    public static BootstrapBlobs inDirectory(Path directory) {
        return new BootstrapBlobs(directory.resolve("bzImage"), directory.resolve("bzImage.config"),
                directory.resolve("cmdline"), directory.resolve("init"), directory.resolve("nsm.ko"),
                Files.exists(directory.resolve(STAND_IN_MARKER)));
    }
}
