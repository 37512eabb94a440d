package dev.nitroattest.cli.options;

import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifierConfigurationException;
import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads {@code --trust-anchor} files; any problem with one is a usage error, found before any document is read. */
public final class TrustAnchorFiles {
    /** A PEM certificate is a few kilobytes; a larger file is not one. */
    private static final int MAX_PEM_BYTES = 64 * 1024;
    /** The library starts some messages with this, which would repeat what the tool's own sentence says. */
    private static final String LIBRARY_PREFIX = "Unusable trust anchor: ";

    private TrustAnchorFiles() {
    }

    /**
     * The anchors in these PEM files, each holding exactly one CA certificate.
     *
     * @throws UserError (usage) naming the file and what is wrong with it
     */
    public static List<TrustAnchor> load(List<Path> files) {
        List<TrustAnchor> anchors = new ArrayList<>(files.size());
        for (Path file : files) {
            anchors.add(load(file));
        }
        return anchors;
    }

    private static TrustAnchor load(Path file) {
        String pem = read(file);
        String name = Sentences.fileName(file);
        try {
            return TrustAnchor.fromPem(pem);
        } catch (VerifierConfigurationException e) {
            String reason = e.getMessage().startsWith(LIBRARY_PREFIX)
                    ? e.getMessage().substring(LIBRARY_PREFIX.length()) : e.getMessage();
            throw UserError.usage("the trust anchor " + name + " is not usable: " + Sentences.clause(reason)
                    + "; give a PEM file holding one root CA certificate.");
        }
    }

    private static String read(Path file) {
        String name = Sentences.fileName(file);
        if (Files.isDirectory(file)) {
            throw UserError.usage("the trust anchor " + name + " is a directory; give a PEM file holding one root CA "
                    + "certificate.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_PEM_BYTES + 1);
            if (content.length > MAX_PEM_BYTES) {
                throw UserError.usage("the trust anchor " + name + " is larger than 64 KiB, which no PEM certificate "
                        + "is; give a PEM file holding one root CA certificate.");
            }
            return new String(content, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw UserError.usage("the trust anchor file " + name + " does not exist; check the path.");
        } catch (AccessDeniedException e) {
            throw UserError.usage("cannot read the trust anchor file " + name + ": permission denied; check the "
                    + "file's permissions.");
        } catch (IOException e) {
            throw UserError.usage("cannot read the trust anchor file " + name + " (" + Sentences.ioFailure(e)
                    + "); check the file.");
        }
    }
}
