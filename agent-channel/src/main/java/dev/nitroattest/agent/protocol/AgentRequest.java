package dev.nitroattest.agent.protocol;

import dev.nitroattest.attestation.Bytes;
import java.util.Objects;
import java.util.Optional;

/** The requests a client may send. There is deliberately none that extends or locks a PCR. */
public sealed interface AgentRequest {
    /** The most bytes each of nonce, user_data and public_key may have (the NSM's limit). */
    int MAX_FIELD_BYTES = 1024;
    /** PCR indexes are 16-bit for the NSM. */
    int MAX_PCR_INDEX = 0xffff;

    /** The request's "op" value. */
    String op();

    /** {@code {"op": "attestation", "nonce": bstr?, "user_data": bstr?, "public_key": bstr?}}. */
    record Attestation(Optional<Bytes> nonce, Optional<Bytes> userData, Optional<Bytes> publicKey)
            implements AgentRequest {
        /**
         * Copies the fields and checks their sizes.
         *
         * @throws IllegalArgumentException for a field over {@value AgentRequest#MAX_FIELD_BYTES} bytes
         */
        public Attestation {
            checkField(nonce, "nonce");
            checkField(userData, "user_data");
            checkField(publicKey, "public_key");
        }

        /** From nullable arrays; null leaves the field out. */
        public static Attestation of(byte[] nonce, byte[] userData, byte[] publicKey) {
            return new Attestation(optional(nonce), optional(userData), optional(publicKey));
        }

        @Override
        public String op() {
            return "attestation";
        }

        private static Optional<Bytes> optional(byte[] value) {
            return value == null ? Optional.empty() : Optional.of(Bytes.of(value));
        }

        private static void checkField(Optional<Bytes> value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isPresent() && value.get().length() > MAX_FIELD_BYTES) {
                throw new IllegalArgumentException("The " + name + " is " + value.get().length()
                        + " bytes; at most " + MAX_FIELD_BYTES + " are allowed.");
            }
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
