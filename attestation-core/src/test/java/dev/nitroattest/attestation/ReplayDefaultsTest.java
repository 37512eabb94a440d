package dev.nitroattest.attestation;

import static dev.nitroattest.attestation.Fixtures.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.Forgeries;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Replay protection is the default: a verifier decides how old a document may be before it builds, every verify call
 * says whether it expects a nonce, and a verified document has a replay key that no re-encoding changes.
 */
@DisplayName("Replay protection and freshness by default")
class ReplayDefaultsTest {
    @Test
    @DisplayName("a verifier that decided neither maxAge nor anyAge does not build, and says what to call")
    void freshnessIsADecision() {
        AttestationVerifier.Builder undecided = AttestationVerifier.builder().trustAnchors(Fixtures.TEST_ROOT)
                .acceptAnyEnclaveImage();
        VerifierConfigurationException failure = assertThrows(VerifierConfigurationException.class, undecided::build);
        assertTrue(failure.getMessage().contains("maxAge(Duration)") && failure.getMessage().contains("anyAge()"),
                failure.getMessage());
        undecided.maxAge(Duration.ofMinutes(5)).build();
        undecided.anyAge().build();
    }

    @Test
    @DisplayName("the later of maxAge and anyAge wins")
    void laterFreshnessCallWins() throws Exception {
        byte[] bytes = document().build();
        Clock hourLater = Clock.fixed(Fixtures.DOCUMENT_TIME.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        AttestationVerifier bounded = Fixtures.verifierBuilder().clock(hourLater).anyAge()
                .maxAge(Duration.ofMinutes(5)).build();
        Fixtures.assertRejected(RejectionReason.DOCUMENT_TOO_OLD, bounded, bytes);
        Fixtures.verifierBuilder().clock(hourLater).maxAge(Duration.ofMinutes(5)).anyAge().build()
                .verify(bytes, Expectations.withoutNonce());
    }

    @Test
    @DisplayName("there is no verify call without expectations, and no expectations without a nonce decision")
    void noImplicitExpectations() {
        for (Method method : AttestationVerifier.class.getMethods()) {
            if (method.getName().startsWith("verify")) {
                assertTrue(Arrays.asList(method.getParameterTypes()).contains(Expectations.class), method.toString());
            }
        }
        for (Method method : Expectations.class.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) && Modifier.isPublic(method.getModifiers())) {
                assertTrue(method.getName().equals("nonce") || method.getName().equals("withoutNonce"),
                        "a public factory of Expectations other than nonce(...) and withoutNonce(): " + method);
            }
        }
    }

    @Test
    @DisplayName("withoutNonce accepts any nonce or none; nonce(...) refuses another or none")
    void nonceDecision() throws Exception {
        byte[] nonce = "challenge".getBytes(StandardCharsets.US_ASCII);
        byte[] withNonce = document().nonce(nonce).build();
        byte[] withoutNonce = document().build();
        AttestationVerifier verifier = Fixtures.verifier();
        verifier.verify(withNonce, Expectations.withoutNonce());
        verifier.verify(withoutNonce, Expectations.withoutNonce());
        verifier.verify(withNonce, Expectations.nonce(nonce));
        Fixtures.assertRejectedWith(RejectionReason.NONCE_MISMATCH, verifier, withoutNonce, Expectations.nonce(nonce));
        Fixtures.assertRejectedWith(RejectionReason.NONCE_MISMATCH, verifier, withNonce,
                Expectations.nonce("other".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    @DisplayName("the replay key is the SHA-384 of the signed payload: the same for every envelope of it "
            + "(tag d2 or d8 12, definite or indefinite array, s or n - s)")
    void replayKeySurvivesReEncoding() throws Exception {
        AttestationVerifier verifier = Fixtures.verifier();
        byte[] untagged = document().tagged(false).build();
        byte[] tagged = document().tagged(true).build();
        byte[] highS = Forgeries.withHighS(untagged);
        byte[] lowS = Forgeries.withLowS(untagged);
        VerifiedAttestation first = verifier.verify(untagged, Expectations.withoutNonce());
        Bytes expected = Bytes.of(MessageDigest.getInstance("SHA-384").digest(first.document().payload().toByteArray()));

        assertEquals(expected, first.replayKey());
        assertEquals(48, first.replayKey().length());
        String untaggedHex = HexFormat.of().formatHex(untagged);
        byte[] tagTwoBytes = HexFormat.of().parseHex("d812" + untaggedHex);
        byte[] indefinite = HexFormat.of().parseHex("9f" + untaggedHex.substring(2) + "ff");
        for (byte[] reEncoded : new byte[][] {tagged, highS, lowS, tagTwoBytes, indefinite}) {
            assertEquals(expected, verifier.verify(reEncoded, Expectations.withoutNonce()).replayKey());
        }
        assertNotEquals(Arrays.hashCode(untagged), Arrays.hashCode(tagged), "the envelopes differ byte for byte");
        assertTrue(!Arrays.equals(highS, lowS), "the two signatures differ");
        Bytes other = verifier.verify(document().nonce(new byte[] {1}).build(), Expectations.withoutNonce()).replayKey();
        assertNotEquals(expected, other, "another payload has another key");
    }
}
