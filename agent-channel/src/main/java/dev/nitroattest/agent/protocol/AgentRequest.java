package dev.nitroattest.agent.protocol;

import dev.nitroattest.bytes.Bytes;
import java.util.Objects;
import java.util.Optional;

/** The requests a client may send. There is deliberately none that extends or locks a PCR. */
public sealed interface AgentRequest {
    /** The most bytes a nonce may have (the NSM's limit). */
    int MAX_FIELD_BYTES = 1024;
    /** PCR indexes are 16-bit for the NSM. */
    int MAX_PCR_INDEX = 0xffff;

    /** The request's "op" value. */
    String op();

    /**
     * {@code {"op": "attestation", "nonce": bstr?}}: a document with the caller's nonce. It has no public key or user
     * data of the caller's: what else a document binds is the enclave's own choice (the agent's binding file), never
     * a caller's, and the agent refuses a request that carries either with
     * {@link AgentErrorCode#CALLER_BINDING_REFUSED}.
     */
    record Attestation(Optional<Bytes> nonce) implements AgentRequest {
        /**
         * Copies the nonce and checks its size.
         *
         * @throws IllegalArgumentException for a nonce over {@value AgentRequest#MAX_FIELD_BYTES} bytes
         */
        public Attestation {
            Objects.requireNonNull(nonce, "nonce");
            if (nonce.isPresent() && nonce.get().length() > MAX_FIELD_BYTES) {
                throw new IllegalArgumentException("The nonce is " + nonce.get().length() + " bytes; at most "
                        + MAX_FIELD_BYTES + " are allowed.");
            }
        }

        /** From a nullable array; null leaves the nonce out. */
        public static Attestation of(byte[] nonce) {
            return new Attestation(nonce == null ? Optional.empty() : Optional.of(Bytes.of(nonce)));
        }

        @Override
        public String op() {
            return "attestation";
        }
    }

    /** {@code {"op": "describe-pcr", "index": uint}}. */
    record DescribePcr(int index) implements AgentRequest {
        /**
         * Checks the index.
         *
         * @throws IllegalArgumentException for an index outside 0 to {@value AgentRequest#MAX_PCR_INDEX}
         */
        public DescribePcr {
            if (index < 0 || index > MAX_PCR_INDEX) {
                throw new IllegalArgumentException("A PCR index is between 0 and " + MAX_PCR_INDEX + "; " + index
                        + " was given.");
            }
        }

        @Override
        public String op() {
            return "describe-pcr";
        }
    }

    /** {@code {"op": "describe-nsm"}}. */
    record DescribeNsm() implements AgentRequest {
        @Override
        public String op() {
            return "describe-nsm";
        }
    }

    /** {@code {"op": "health"}}: answered by the agent without asking the NSM. */
    record Health() implements AgentRequest {
        @Override
        public String op() {
            return "health";
        }
    }
}
