package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.DOCUMENT_TIME;
import static dev.nitroattest.attestation.Fixtures.assertRejected;
import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rule 5 of the verifier: time comes from an injected clock, verification happens now unless the caller
 * names another instant, documents from the future are refused beyond a bounded skew, and an optional
 * maximum age applies.
 */
@DisplayName("Time and freshness")
class FreshnessTest {
    @Test
    @DisplayName("by default the verification time is the clock's now, not the document's timestamp")
    void defaultTimeIsNow() throws Exception {
        byte[] bytes = document().build();
        Fixtures.verifierBuilder().build().verify(bytes, Expectations.withoutNonce());
        AttestationVerifier systemClock = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                .acceptAnyEnclaveImage().anyAge().build();
        assertRejected(RejectionReason.CERTIFICATE_EXPIRED, systemClock, bytes);
        AttestationVerifier later = Fixtures.verifierBuilder()
                .clock(Clock.fixed(Fixtures.PKI.chainValidUntil().plusSeconds(1), ZoneOffset.UTC)).build();
        assertRejected(RejectionReason.CERTIFICATE_EXPIRED, later, bytes);
    }

    @Test
    @DisplayName("verifying at another instant is an explicit call, and reports that instant")
    void explicitInstant() throws Exception {
        AttestationVerifier systemClock = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                .acceptAnyEnclaveImage().anyAge().build();
        AttestationDocument parsed = systemClock.parse(document().build());
        VerifiedAttestation verified = systemClock.verifyAt(parsed.timestamp(), parsed, Expectations.withoutNonce());
        assertEquals(parsed.timestamp(), verified.verificationTime());
    }

    @Test
    @DisplayName("a timestamp beyond now plus the skew (default 60 s) is DOCUMENT_FROM_FUTURE")
    void fromTheFuture() throws Exception {
        AttestationVerifier verifier = Fixtures.verifier();
        verifier.verify(document().timestamp(DOCUMENT_TIME.plusSeconds(60)).build(), Expectations.withoutNonce());
        assertRejected(RejectionReason.DOCUMENT_FROM_FUTURE, verifier,
                document().timestamp(DOCUMENT_TIME.plusSeconds(60).plusMillis(1)).build());
        AttestationVerifier tolerant = Fixtures.verifierBuilder().maxClockSkew(Duration.ofMinutes(5)).build();
        tolerant.verify(document().timestamp(DOCUMENT_TIME.plusSeconds(299)).build(), Expectations.withoutNonce());
        AttestationVerifier exact = Fixtures.verifierBuilder().maxClockSkew(Duration.ZERO).build();
        assertRejected(RejectionReason.DOCUMENT_FROM_FUTURE, exact, document().timestamp(DOCUMENT_TIME.plusMillis(1))
                .build());
    }

    @Test
    @DisplayName("with a maximum age, an older document is DOCUMENT_TOO_OLD; without one, age is not checked")
    void maximumAge() throws Exception {
        byte[] old = document().timestamp(DOCUMENT_TIME.minus(Duration.ofMinutes(10))).build();
        Fixtures.verifier().verify(old, Expectations.withoutNonce());
        AttestationVerifier fiveMinutes = Fixtures.verifierBuilder().maxAge(Duration.ofMinutes(5)).build();
        assertRejected(RejectionReason.DOCUMENT_TOO_OLD, fiveMinutes, old);
        fiveMinutes.verify(document().timestamp(DOCUMENT_TIME.minus(Duration.ofMinutes(5))).build(), Expectations.withoutNonce());
    }

    @Test
    @DisplayName("the clock skew is capped at 10 minutes and the age must be positive")
    void boundsOfTheSettings() {
        assertThrows(VerifierConfigurationException.class,
                () -> Fixtures.verifierBuilder().maxClockSkew(Duration.ofMinutes(10).plusMillis(1)));
        assertThrows(VerifierConfigurationException.class,
                () -> Fixtures.verifierBuilder().maxClockSkew(Duration.ofSeconds(-1)));
        assertThrows(VerifierConfigurationException.class, () -> Fixtures.verifierBuilder().maxAge(Duration.ZERO));
        Fixtures.verifierBuilder().maxClockSkew(AttestationVerifier.MAX_CLOCK_SKEW_LIMIT).build();
    }

    @Test
    @DisplayName("a maximum age longer than the time line works: nothing overflows, and no document is too old")
    void unboundedMaximumAge() throws Exception {
        byte[] ancient = document().timestamp(Fixtures.PKI.chainValidFrom()).build();
        for (Duration age : new Duration[] {ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE),
            Duration.between(Instant.MIN, Instant.MAX)}) {
            Fixtures.verifierBuilder().maxAge(age).build().verify(ancient, Expectations.withoutNonce());
        }
    }

    @Test
    @DisplayName("freshness compares without overflow at the ends of the time line")
    void freshnessAtTheEndsOfTime() throws Exception {
        Freshness longest = new Freshness(AttestationVerifier.MAX_CLOCK_SKEW_LIMIT, ChronoUnit.FOREVER.getDuration());
        longest.check(Instant.MAX, Instant.MAX);
        longest.check(Instant.MIN, Instant.MAX);
        longest.check(Instant.MIN, Instant.MIN);
        Freshness strict = new Freshness(Duration.ZERO, Duration.ofMillis(1));
        assertEquals(RejectionReason.DOCUMENT_FROM_FUTURE, assertThrows(DocumentRejectedException.class,
                () -> strict.check(Instant.MAX, Instant.MIN)).reason());
        assertEquals(RejectionReason.DOCUMENT_TOO_OLD, assertThrows(DocumentRejectedException.class,
                () -> strict.check(Instant.MIN, Instant.MAX)).reason());
        strict.check(Instant.MAX, Instant.MAX);
        strict.check(Instant.MIN, Instant.MIN.plusMillis(1));
    }

    @Test
    @DisplayName("verifying at the first or last instant there is rejects with a reason, never another exception")
    void verificationAtTheEndsOfTime() throws Exception {
        AttestationVerifier verifier = Fixtures.verifierBuilder().maxAge(ChronoUnit.FOREVER.getDuration()).build();
        AttestationDocument parsed = verifier.parse(document().build());
        assertEquals(RejectionReason.CERTIFICATE_EXPIRED, assertThrows(DocumentRejectedException.class,
                () -> verifier.verifyAt(Instant.MAX, parsed, Expectations.withoutNonce())).reason());
        assertEquals(RejectionReason.CERTIFICATE_NOT_YET_VALID, assertThrows(DocumentRejectedException.class,
                () -> verifier.verifyAt(Instant.MIN, parsed, Expectations.withoutNonce())).reason());
    }

    @Test
    @DisplayName("the clock is read at each verification")
    void clockIsReadEachTime() throws Exception {
        MutableClock clock = new MutableClock(DOCUMENT_TIME);
        AttestationVerifier verifier = Fixtures.verifierBuilder().clock(clock).build();
        byte[] bytes = document().build();
        verifier.verify(bytes, Expectations.withoutNonce());
        clock.set(Fixtures.PKI.chainValidUntil().plusSeconds(1));
        assertRejected(RejectionReason.CERTIFICATE_EXPIRED, verifier, bytes);
    }
}
