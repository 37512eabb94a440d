package dev.nitroattest.cli.speed;

import dev.nitroattest.attestation.AttestationDocument;
import dev.nitroattest.attestation.AttestationVerifier;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.Es384PublicKey;
import dev.nitroattest.attestation.Expectations;
import dev.nitroattest.attestation.InvalidSignatureException;
import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.attestation.VerifiedAttestation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The four operations {@code speed} measures, on one document, all in this one class so that what each figure means
 * is easy to see and to adjust. The baseline uses the library's own P-384 primitive, the one full verification runs.
 */
final class SpeedOperations {
    private final byte[] document;
    private final Instant verificationTime;
    private final AttestationVerifier cold;
    private final AttestationVerifier warm;
    private final Es384PublicKey leafKey;
    /** What the document's signature covers, and the signature: the baseline's input. */
    private final byte[] signedBytes;
    private final byte[] signature;
    private NewLeafDocuments newLeaves;

    private SpeedOperations(byte[] document, Instant verificationTime, AttestationVerifier cold,
            AttestationVerifier warm, Es384PublicKey leafKey, byte[] signedBytes, byte[] signature) {
        this.document = document;
        this.verificationTime = verificationTime;
        this.cold = cold;
        this.warm = warm;
        this.leafKey = leafKey;
        this.signedBytes = signedBytes;
        this.signature = signature;
    }

    /**
     * Sets up the operations for a document, which must verify at its own timestamp under these anchors.
     *
     * @throws DocumentRejectedException if it does not
     */
    static SpeedOperations prepare(byte[] document, List<TrustAnchor> anchors) throws DocumentRejectedException {
        AttestationVerifier cold = verifier(anchors).chainCacheSize(0).build();
        AttestationVerifier warm = verifier(anchors).build();
        AttestationDocument parsed = cold.parse(document);
        Instant at = parsed.timestamp();
        VerifiedAttestation verified = cold.verifyAt(at, parsed, Expectations.withoutNonce());
        return new SpeedOperations(document.clone(), at, cold, warm, leafKey(verified),
                parsed.signedBytes().toByteArray(), parsed.signature().toByteArray());
    }

    private static AttestationVerifier.Builder verifier(List<TrustAnchor> anchors) {
        return AttestationVerifier.builder().trustAnchors(anchors).acceptAnyEnclaveImage().allowDebugEnclaves()
                .anyAge();
    }

    private static Es384PublicKey leafKey(VerifiedAttestation verified) {
        return Es384PublicKey.of(verified.certificateChain().get(0));
    }

    /**
     * Adds {@code verify-new-leaf/s}, on the jar's sample documents with leaves never seen before.
     *
     * @throws DocumentRejectedException if the sample documents do not verify
     */
    SpeedOperations withNewLeaves() throws DocumentRejectedException {
        newLeaves = new NewLeafDocuments();
        return this;
    }

    /** In the order they are measured and printed. */
    List<Operation> all() {
        List<Operation> all = new ArrayList<>(List.of(
                new Operation("es384-verify/s", this::es384Verify),
                new Operation("parse/s", this::parse),
                new Operation("verify-cold/s", this::verifyCold),
                new Operation("verify-warm/s", this::verifyWarm)));
        if (newLeaves != null) {
            all.add(new Operation("verify-new-leaf/s", newLeaves::verifyNext));
        }
        return all;
    }

    private Object es384Verify() {
        try {
            leafKey.verify(signedBytes, signature);
        } catch (InvalidSignatureException e) {
            throw new IllegalStateException("the document's signature no longer verifies in the baseline", e);
        }
        return Boolean.TRUE;
    }

    private Object parse() throws DocumentRejectedException {
        return AttestationDocument.parse(document);
    }

    private Object verifyCold() throws DocumentRejectedException {
        return cold.verifyAt(verificationTime, cold.parse(document), Expectations.withoutNonce());
    }

    private Object verifyWarm() throws DocumentRejectedException {
        return warm.verifyAt(verificationTime, warm.parse(document), Expectations.withoutNonce());
    }
}
