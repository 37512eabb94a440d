package dev.nitroattest.proxy.internal.enclave;

import dev.nitroattest.agent.protocol.AgentErrorCode;
import dev.nitroattest.attestation.DocumentRejectedException;
import dev.nitroattest.attestation.RejectionReason;
import dev.nitroattest.attestation.VerifiedAttestation;
import java.time.Duration;

/** How an attestation request ended: a verified document, or the one reason there is none. */
public sealed interface AttestationOutcome {

    /** The document, exactly as the agent sent it, and what verifying it established. */
    record Attested(byte[] document, VerifiedAttestation attestation) implements AttestationOutcome {}

    /** The agent answered with a failure response. */
    record EnclaveRefused(AgentErrorCode code, String message) implements AttestationOutcome {}

    /** The agent's answer broke the agent protocol. */
    record BrokenAnswer(String message) implements AttestationOutcome {}

    /**
     * The document the enclave gave failed verification.
     *
     * @param rejection the library's rejection: its reason, sentence and location
     */
    record Rejected(DocumentRejectedException rejection) implements AttestationOutcome {
        /** @return the stable reason code */
        public RejectionReason reason() {
            return rejection.reason();
        }

        /** @return one sentence saying what is wrong */
        public String detail() {
            return rejection.detail();
        }
    }

    /** The agent could not be reached, or dropped the connection. */
    record Unavailable(String message) implements AttestationOutcome {}

    /** The proxy already serves its limit of requests. */
    record Overloaded(int limit) implements AttestationOutcome {}

    /** No answer within the request timeout. */
    record TimedOut(Duration timeout) implements AttestationOutcome {}
}
