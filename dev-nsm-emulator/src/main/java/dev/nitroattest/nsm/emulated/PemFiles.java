package dev.nitroattest.nsm.emulated;

import dev.nitroattest.nsm.NsmEmulationException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** Reads the PEM files an emulator is set up with (a key of one's own and its chain), with Bouncy Castle's reader. */
final class PemFiles {
    private PemFiles() {}

    /** Every PEM block of the file, in order. */
    static List<PemObject> read(Path file, String role) throws NsmEmulationException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new NsmEmulationException("Cannot read the " + role + " file " + file + " ("
                    + e.getClass().getSimpleName() + ").");
        }
        List<PemObject> blocks = new ArrayList<>();
        try (Reader reader = new StringReader(text); PemReader pem = new PemReader(reader)) {
            for (PemObject block = pem.readPemObject(); block != null; block = pem.readPemObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new NsmEmulationException("The " + role + " file " + file + " is not valid PEM.");
        }
        if (blocks.isEmpty()) {
            throw new NsmEmulationException("The " + role + " file " + file + " holds no PEM block.");
        }
        return blocks;
    }
}
