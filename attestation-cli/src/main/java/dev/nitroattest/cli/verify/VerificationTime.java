package dev.nitroattest.cli.verify;

import dev.nitroattest.attestation.AttestationDocument;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The instant a document is verified at: now (the default), a fixed time, or the document's own timestamp. */
sealed interface VerificationTime {

    Instant instantFor(AttestationDocument document);

    /**
     * The clock's instant when the document is verified, to the millisecond: the precision of a document's timestamp,
     * and all that messages quoting the verification time need.
     */
    record Now(Clock clock) implements VerificationTime {
        @Override
        public Instant instantFor(AttestationDocument document) {
            return clock.instant().truncatedTo(ChronoUnit.MILLIS);
        }
    }

    /** {@code --at TIME}. */
    record Fixed(Instant instant) implements VerificationTime {
        @Override
        public Instant instantFor(AttestationDocument document) {
            return instant;
        }
    }

    /** {@code --at-document-time}. */
    record DocumentTimestamp() implements VerificationTime {
        @Override
        public Instant instantFor(AttestationDocument document) {
            return document.timestamp();
        }
    }
}
