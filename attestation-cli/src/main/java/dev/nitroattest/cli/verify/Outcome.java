package dev.nitroattest.cli.verify;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.RejectionReason;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.cli.ExitStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What verifying one file came to. */
sealed interface Outcome {

    /** The file as the user named it. */
    String file();

    ExitStatus status();

    /** Every check passed. */
    record Verified(String file, VerifiedAttestation attestation) implements Outcome {
        public Verified {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(attestation, "attestation");
        }

        @Override
        public ExitStatus status() {
            return ExitStatus.SUCCESS;
        }
    }

    /**
     * A check failed.
     *
     * @param document the document as parsed, unverified; empty when it did not parse
     * @param verificationTime the instant it was verified at; empty when it did not parse
     */
    record Rejected(String file, RejectionReason reason, String detail, Optional<AttestationDocument> document,
            Optional<Instant> verificationTime) implements Outcome {
        public Rejected {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(verificationTime, "verificationTime");
        }

        @Override
        public ExitStatus status() {
            return ExitStatus.REJECTED;
        }
    }
}
