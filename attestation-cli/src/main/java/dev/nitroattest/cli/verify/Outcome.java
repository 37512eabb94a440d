package dev.nitroattest.cli.verify;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.DocumentRejectedException;
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
     * The file could not be read or decoded, so there is no document to verify.
     *
     * @param detail the sentence that says why, as printed on standard error
     */
    record Unreadable(String file, String detail) implements Outcome {
        /** The reason code JSON output gives it; not one of the library's, which judge documents. */
        static final String REASON = "UNREADABLE";

        public Unreadable {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public ExitStatus status() {
            return ExitStatus.UNREADABLE;
        }
    }

    /**
     * A check failed.
     *
     * @param rejection the library's rejection: reason, detail, and where the fault is
     * @param document the document as parsed, unverified; empty when it did not parse
     * @param verificationTime the instant it was verified at; empty when it did not parse
     */
    record Rejected(String file, DocumentRejectedException rejection, Optional<AttestationDocument> document,
            Optional<Instant> verificationTime) implements Outcome {
        public Rejected {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(verificationTime, "verificationTime");
        }

        /** The stable reason code. */
        RejectionReason reason() {
            return rejection.reason();
        }

        /** One sentence saying what is wrong. */
        String detail() {
            return rejection.detail();
        }

        @Override
        public ExitStatus status() {
            return ExitStatus.REJECTED;
        }
    }
}
