package dev.nitroattest.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stand-ins for nitro-cli's blobs directory, for building enclave images where the real blobs are absent (they are
 * installed on a parent instance, and the kernel's licence keeps it out of this repository): {@code bzImage},
 * {@code init} and {@code nsm.ko} of fixed test content that boots nothing, a {@code bzImage.config} naming Linux
 * 4.14.256 as the real one does on its third line, nitro-cli's command line, and a {@value #MARKER} file, which makes
 * the image builder say that the PCR0 and PCR1 it prints are not those of any real image. PCR2, which measures only
 * the application, does not depend on the blobs.
 */
public final class StandInBlobs {
    /** The marker file's name (the builder's {@code BootstrapBlobs.STAND_IN_MARKER}). */
    public static final String MARKER = "STAND-IN";
    /** The command line of the stand-in blobs, with the line break that ends nitro-cli's. */
    public static final String CMDLINE = "reboot=k panic=30 pci=off nomodules console=ttyS0 random.trust_cpu=on "
            + "virtio_mmio.device=4K@0xd0000000:5\n";

    private StandInBlobs() {
    }

    /** Writes the stand-in blobs into the folder, creating it if needed, and returns the folder. */
    public static Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve("bzImage"), EifWriter.pattern("stand-in kernel, not Linux", 1 << 20));
        Files.writeString(folder.resolve("bzImage.config"), "#\n# Automatically generated file; DO NOT EDIT.\n"
                + "# Linux/x86 4.14.256 Kernel Configuration\n#\nCONFIG_64BIT=y\n", StandardCharsets.US_ASCII);
        Files.writeString(folder.resolve("cmdline"), CMDLINE, StandardCharsets.US_ASCII);
        Files.write(folder.resolve("init"), EifWriter.pattern("stand-in init", 742_968));
        Files.write(folder.resolve("nsm.ko"), EifWriter.pattern("stand-in nsm.ko", 20_504));
        Files.writeString(folder.resolve(MARKER), "These blobs are stand-ins written by nitro-attest's test kit: an "
                + "image built with them boots nothing, and its PCR0 and PCR1 are not those of a real image.\n",
                StandardCharsets.US_ASCII);
        return folder;
    }

    /** Writes the stand-in blobs into the folder named by the first argument (for a build step). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("give the folder to write the stand-in blobs into");
        }
        write(Path.of(args[0]));
    }
}
