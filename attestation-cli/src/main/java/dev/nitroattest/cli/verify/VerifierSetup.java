package dev.nitroattest.cli.verify;

import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifierConfigurationException;
import dev.nitroattest.cli.Sentences;
import dev.nitroattest.cli.UserError;
import dev.nitroattest.cli.options.PcrPin;
import dev.nitroattest.cli.options.TrustAnchorFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the verify options into a verifier and expectations; every problem found here is a usage error. Public for
 * the commands that verify documents the same way from elsewhere ({@code tls}, from a handshake's certificate).
 */
public final class VerifierSetup {
    private VerifierSetup() {
    }

    /** Whether the options pin at least one PCR, so that the enclave image is checked. */
    static boolean pinsPcrs(VerifyOptions options) {
        return !options.pcrs().isEmpty() || options.pcrsFromEif() != null;
    }

    static AttestationVerifier verifier(VerifyOptions options) {
        return build(options.trustAnchors(), options.pcrs(), options.pcrsFromEif(), options.allowDebug(),
                options.nitroTpm(), options.maxAge(), null);
    }

    /**
     * An enclave documents' verifier from the options {@code verify} and the commands like it share.
     *
     * @param trustAnchors {@code --trust-anchor}: PEM files; empty for the AWS Nitro Enclaves root
     * @param pcrs {@code --pcr} pins
     * @param pcrsFromEif {@code --pcrs-from-eif}, or null
     * @param allowDebug {@code --allow-debug}
     * @param maxAge {@code --max-age}, or null for any age
     * @param clock the verifier's "now": the terminal's
     * @return the verifier
     * @throws UserError a usage error, if the options do not make a verifier
     */
    public static AttestationVerifier verifier(List<Path> trustAnchors, List<PcrPin> pcrs, Path pcrsFromEif,
            boolean allowDebug, Duration maxAge, Clock clock) {
        return build(trustAnchors, pcrs, pcrsFromEif, allowDebug, false, maxAge, clock);
    }

    private static AttestationVerifier build(List<Path> trustAnchors, List<PcrPin> pcrs, Path pcrsFromEif,
            boolean allowDebug, boolean nitroTpm, Duration maxAge, Clock clock) {
        AttestationVerifier.TrustStage trust = AttestationVerifier.builder();
        AttestationVerifier.MeasurementStage measurements;
        if (trustAnchors.isEmpty()) {
            measurements = trust.trustAwsNitroEnclavesRoot();
        } else {
            List<TrustAnchor> anchors = TrustAnchorFiles.load(trustAnchors);
            measurements = trust.trustAnchors(anchors);
        }
        AttestationVerifier.Builder builder = !pcrs.isEmpty() || pcrsFromEif != null
                ? measurements.expectPcrs(expectedPcrs(pcrs, pcrsFromEif, nitroTpm))
                : measurements.acceptAnyEnclaveImage();
        if (allowDebug) {
            builder.allowDebugEnclaves();
        }
        if (nitroTpm) {
            builder.verifyNitroTpmDocuments();
        }
        if (clock != null) {
            builder.clock(clock);
        }
        if (maxAge != null) {
            builder.maxAge(maxAge);
        } else {
            // The CLI verifies files, often archived ones: age is checked only when --max-age asks for it.
            builder.anyAge();
        }
        try {
            return builder.build();
        } catch (VerifierConfigurationException e) {
            throw UserError.usage(Sentences.clause(e.getMessage()) + "; change the options.");
        }
    }

    static Expectations expectations(VerifyOptions options) {
        // A file on disk comes with no challenge of ours: the nonce is checked only when --nonce gives it.
        Expectations expectations = options.nonce() != null ? Expectations.nonce(options.nonce().toByteArray())
                : Expectations.withoutNonce();
        if (options.userData() != null) {
            expectations = expectations.withUserData(options.userData().toByteArray());
        }
        if (options.publicKey() != null) {
            expectations = expectations.withPublicKey(options.publicKey().toByteArray());
        }
        return expectations;
    }

    private static ExpectedPcrs expectedPcrs(List<PcrPin> pcrs, Path pcrsFromEif, boolean nitroTpm) {
        ExpectedPcrs.Builder expected = ExpectedPcrs.builder();
        if (nitroTpm) {
            // A NitroTPM document's indices measure firmware and boot, not an enclave image: PCR7 alone is a pin.
            expected.allowPinsWithoutImagePcrs();
        }
        for (PcrPin pin : pcrs) {
            expected.accept(pin.index(), pin.hex());
        }
        if (pcrsFromEif != null) {
            ImageMeasurements.read(pcrsFromEif)
                    .forEach((index, value) -> expected.accept(index, value.toByteArray()));
        }
        if (!nitroTpm && pcrs.stream().noneMatch(pin -> ExpectedPcrs.IMAGE_PCRS.contains(pin.index()))
                && pcrsFromEif == null) {
            String only = pcrs.stream().map(pin -> "PCR" + pin.index()).distinct()
                    .collect(Collectors.joining(", "));
            throw UserError.usage("--pcr pins only " + only + ", none of which measures the enclave image, so every "
                    + "image on that parent would pass; pin PCR0, 1, 2 or 8 as well.");
        }
        return expected.build();
    }
}
