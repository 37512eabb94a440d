package dev.nitroattest.attestation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A trust anchor shipped inside the library and pinned to its SHA-256 fingerprint, loaded once. A failure (a
 * missing resource, a wrong fingerprint: a corrupted or tampered jar) is kept and reported to every caller as a
 * {@link VerifierConfigurationException}; thrown from a static initialiser it would surface as an
 * ExceptionInInitializerError once and as NoClassDefFoundError after that.
 */
final class EmbeddedTrustAnchor {
    /** Opens the embedded PEM; returns null when it is missing. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private sealed interface Outcome permits Loaded, Failed {
    }

    private record Loaded(TrustAnchor anchor) implements Outcome {
    }

    private record Failed(VerifierConfigurationException failure) implements Outcome {
    }

    private final Outcome outcome;

    /**
     * Loads the anchor now and never throws.
     *
     * @param name how messages name it, such as "The embedded AWS root certificate"
     */
    EmbeddedTrustAnchor(String name, Source source, String sha256Hex) {
        this.outcome = load(name, source, sha256Hex);
    }

    /**
     * The anchor.
     *
     * @throws VerifierConfigurationException if it could not be loaded or does not have its fingerprint
     */
    TrustAnchor get() {
        if (outcome instanceof Loaded loaded) {
            return loaded.anchor();
        }
        VerifierConfigurationException failure = ((Failed) outcome).failure();
        // A fresh exception each time, so that each caller's stack trace shows the caller.
        throw new VerifierConfigurationException(failure.getMessage(), failure);
    }

    private static Outcome load(String name, Source source, String sha256Hex) {
        try (InputStream in = source.open()) {
            if (in == null) {
                return failed(name + " is missing from the library.", null);
            }
            TrustAnchor anchor = TrustAnchor.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            if (!anchor.sha256Fingerprint().toHex().equals(sha256Hex)) {
                return failed(name + " does not have the published SHA-256 fingerprint " + sha256Hex
                        + "; the library jar is corrupted or has been tampered with.", null);
            }
            return new Loaded(anchor);
        } catch (IOException e) {
            return failed(name + " cannot be read (" + e.getClass().getSimpleName() + ").", e);
        } catch (RuntimeException e) {
            return failed(name + " is unusable: " + e.getMessage(), e);
        }
    }

    private static Failed failed(String message, Exception cause) {
        return new Failed(new VerifierConfigurationException(message, cause));
    }
}
