package dev.nitroattest.nsm.emulated;

import dev.nitroattest.nsm.NsmEmulationException;
import dev.nitroattest.text.PemText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the PEM files an emulator is set up with (a key of one's own and its chain), with the project's PEM reader. */
final class PemFiles {
    private PemFiles() {}

    /** Every PEM block of the file, in order. */
    static List<PemText.Block> read(Path file, String role) throws NsmEmulationException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new NsmEmulationException("Cannot read the " + role + " file " + file + " ("
                    + e.getClass().getSimpleName() + ").");
        }
        List<PemText.Block> blocks;
        try {
            blocks = PemText.blocks(text);
        } catch (PemText.Malformed e) {
            throw new NsmEmulationException("The " + role + " file " + file + " is not valid PEM.");
        }
        if (blocks.isEmpty()) {
            throw new NsmEmulationException("The " + role + " file " + file + " holds no PEM block.");
        }
        return blocks;
    }
}
