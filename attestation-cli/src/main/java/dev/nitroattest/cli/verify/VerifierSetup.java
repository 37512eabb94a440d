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
import java.util.List;
import java.util.stream.Collectors;

/** Turns the verify options into a verifier and expectations; every problem found here is a usage error. */
final class VerifierSetup {
    private VerifierSetup() {
    }

    /** Whether the options pin at least one PCR, so that the enclave image is checked. */
    static boolean pinsPcrs(VerifyCommand options) {
        return !options.pcrs.isEmpty() || options.pcrsFromEif != null;
    }

    static AttestationVerifier verifier(VerifyCommand options) {
        AttestationVerifier.TrustStage trust = AttestationVerifier.builder();
        AttestationVerifier.MeasurementStage measurements;
        if (options.trustAnchors.isEmpty()) {
            measurements = trust.trustAwsNitroEnclavesRoot();
        } else {
            List<TrustAnchor> anchors = TrustAnchorFiles.load(options.trustAnchors);
            measurements = trust.trustAnchors(anchors);
        }
        AttestationVerifier.Builder builder = pinsPcrs(options)
                ? measurements.expectPcrs(expectedPcrs(options))
                : measurements.acceptAnyEnclaveImage();
        if (options.allowDebug) {
            builder.allowDebugEnclaves();
        }
        if (options.nitroTpm) {
            builder.verifyNitroTpmDocuments();
        }
        if (options.maxAge != null) {
            builder.maxAge(options.maxAge);
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

    static Expectations expectations(VerifyCommand options) {
        // A file on disk comes with no challenge of ours: the nonce is checked only when --nonce gives it.
        Expectations expectations = options.nonce != null ? Expectations.nonce(options.nonce.toByteArray())
                : Expectations.withoutNonce();
        if (options.userData != null) {
            expectations = expectations.withUserData(options.userData.toByteArray());
        }
        if (options.publicKey != null) {
            expectations = expectations.withPublicKey(options.publicKey.toByteArray());
        }
        return expectations;
    }

    private static ExpectedPcrs expectedPcrs(VerifyCommand options) {
        ExpectedPcrs.Builder expected = ExpectedPcrs.builder();
        if (options.nitroTpm) {
            // A NitroTPM document's indices measure firmware and boot, not an enclave image: PCR7 alone is a pin.
            expected.allowPinsWithoutImagePcrs();
        }
        for (PcrPin pin : options.pcrs) {
            expected.accept(pin.index(), pin.hex());
        }
        if (options.pcrsFromEif != null) {
            ImageMeasurements.read(options.pcrsFromEif)
                    .forEach((index, value) -> expected.accept(index, value.toByteArray()));
        }
        if (!options.nitroTpm && options.pcrs.stream().noneMatch(pin -> ExpectedPcrs.IMAGE_PCRS.contains(pin.index()))
                && options.pcrsFromEif == null) {
            String only = options.pcrs.stream().map(pin -> "PCR" + pin.index()).distinct()
                    .collect(Collectors.joining(", "));
            throw UserError.usage("--pcr pins only " + only + ", none of which measures the enclave image, so every "
                    + "image on that parent would pass; pin PCR0, 1, 2 or 8 as well.");
        }
        return expected.build();
    }
}
