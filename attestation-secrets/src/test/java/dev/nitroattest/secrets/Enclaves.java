package dev.nitroattest.secrets;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.ExpectedPcrs;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import dev.nitroattest.testkit.DocumentBuilder;
import dev.nitroattest.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;

/** The tests' enclave keys (made once: RSA key generation is slow), seeded randomness and verified documents. */
final class Enclaves {
    private static final TestPki PKI = TestPki.standard();
    /** The enclave the tests seal to. */
    static final RecipientKey ENCLAVE = RecipientKey.generate(2048, seeded("enclave"));
    /** Another enclave, which must open nothing sealed to the first. */
    static final RecipientKey OTHER = RecipientKey.generate(2048, seeded("another enclave"));

    private Enclaves() {
    }

    static SecureRandom seeded(String seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is in every JDK", e);
        }
    }

    /** A verified document carrying this public key, or none, from a verifier that pins the image's PCR0. */
    static VerifiedAttestation verifiedWith(byte[] publicKey) throws DocumentRejectedException {
        byte[] document = document(publicKey);
        byte[] pcr0 = AttestationDocument.parse(document).pcrs().get(0).orElseThrow().toByteArray();
        return verifier().expectPcrs(ExpectedPcrs.builder().accept(0, pcr0).build())
                .clock(Clock.fixed(PKI.documentTime(), ZoneOffset.UTC)).anyAge().build()
                .verify(document, Expectations.withoutNonce());
    }

    /** A document carrying this public key, or none. */
    static byte[] document(byte[] publicKey) {
        DocumentBuilder builder = DocumentBuilder.forPki(PKI);
        if (publicKey != null) {
            builder.publicKey(publicKey);
        }
        return builder.build();
    }

    /** A verifier's builder trusting the tests' root, at the measurement decision. */
    static AttestationVerifier.MeasurementStage verifier() {
        return AttestationVerifier.builder().trustAnchors(TrustAnchor.fromDer(PKI.root().der()));
    }

    /** The tests' documents' time. */
    static Clock documentClock() {
        return Clock.fixed(PKI.documentTime(), ZoneOffset.UTC);
    }

    /** {@code secret} sealed to {@link #ENCLAVE} in this format, by a sealer seeded the same way each time. */
    static byte[] sealed(byte[] secret, SecretFormat format) throws Exception {
        return SecretSealer.withRandom(seeded("sealer")).seal(verifiedWith(ENCLAVE.publicKey().toByteArray()), secret,
                format);
    }
}
