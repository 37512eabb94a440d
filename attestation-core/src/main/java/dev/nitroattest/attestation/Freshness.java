package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.DocumentField;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a document's timestamp may lie from the verification time: at most {@code maxClockSkew} ahead, and
 * at most {@code maxAge} behind when there is a maximum age. The comparisons go through
 * {@link Duration#between}, which cannot overflow for any two instants, rather than shifting the verification
 * time by a duration, which throws near {@link Instant#MIN} or {@link Instant#MAX} and for very long durations.
 *
 * @param maxClockSkew how far ahead of the verification time a timestamp may be
 * @param maxAge how far behind it a timestamp may be, or null for no limit
 */
record Freshness(Duration maxClockSkew, Duration maxAge) {
    void check(Instant timestamp, Instant now) throws DocumentRejectedException {
        if (Duration.between(now, timestamp).compareTo(maxClockSkew) > 0) {
            throw new DocumentRejectedException(RejectionReason.DOCUMENT_FROM_FUTURE, DocumentField.TIMESTAMP,
                    "The document's timestamp " + timestamp + " is later than the verification time " + now
                    + " plus the allowed clock skew of " + maxClockSkew + ".");
        }
        if (maxAge != null && Duration.between(timestamp, now).compareTo(maxAge) > 0) {
            throw new DocumentRejectedException(RejectionReason.DOCUMENT_TOO_OLD, DocumentField.TIMESTAMP,
                    "The document's timestamp " + timestamp + " is more than " + maxAge
                    + " before the verification time " + now + ".");
        }
    }
}
