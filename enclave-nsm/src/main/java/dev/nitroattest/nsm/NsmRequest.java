package dev.nitroattest.nsm;

import dev.nitroattest.bytes.Bytes;
import java.util.Objects;
import java.util.Optional;

/** The requests the NSM understands, one record per operation. */
public sealed interface NsmRequest {
    /** The most bytes each of user_data, nonce and public_key may have. */
    int MAX_ATTESTATION_FIELD = 1024;
    /** Indexes and ranges are 16-bit on the wire. */
    int MAX_INDEX = 0xffff;

    /** The operation's name as the NSM spells it, e.g. "DescribePCR". */
    String operation();

    /** Asks for the module's version, id, PCR count and locked PCRs. */
    record DescribeNsm() implements NsmRequest {
        @Override
        public String operation() {
            return "DescribeNSM";
        }
    }

    /** Asks for one PCR's value and lock state. */
    record DescribePcr(int index) implements NsmRequest {
        /**
         * Checks the index.
         *
         * @throws IllegalArgumentException for an index outside 0 to {@value NsmRequest#MAX_INDEX}
         */
        public DescribePcr {
            checkIndex(index, "index");
        }

        @Override
        public String operation() {
            return "DescribePCR";
        }
    }

    /** Extends a PCR: its new value is SHA-384(old value || data). */
    record ExtendPcr(int index, Bytes data) implements NsmRequest {
        /**
         * Checks the index and copies the data.
         *
         * @throws IllegalArgumentException for an index outside 0 to {@value NsmRequest#MAX_INDEX}
         */
        public ExtendPcr {
            checkIndex(index, "index");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String operation() {
            return "ExtendPCR";
        }
    }

    /** Locks one PCR against further extension. */
    record LockPcr(int index) implements NsmRequest {
        /**
         * Checks the index.
         *
         * @throws IllegalArgumentException for an index outside 0 to {@value NsmRequest#MAX_INDEX}
         */
        public LockPcr {
            checkIndex(index, "index");
        }

        @Override
        public String operation() {
            return "LockPCR";
        }
    }

    /** Locks PCRs 0 to range - 1. */
    record LockPcrs(int range) implements NsmRequest {
        /**
         * Checks the range.
         *
         * @throws IllegalArgumentException for a range outside 0 to {@value NsmRequest#MAX_INDEX}
         */
        public LockPcrs {
            checkIndex(range, "range");
        }

        @Override
        public String operation() {
            return "LockPCRs";
        }
    }

    /** Asks for a signed attestation document carrying the given fields, each optional. */
    record Attestation(Optional<Bytes> userData, Optional<Bytes> nonce, Optional<Bytes> publicKey)
            implements NsmRequest {
        /**
         * Copies the fields and checks their sizes.
         *
         * @throws IllegalArgumentException for a field over {@value NsmRequest#MAX_ATTESTATION_FIELD} bytes
         */
        public Attestation {
            checkField(userData, "user_data");
            checkField(nonce, "nonce");
            checkField(publicKey, "public_key");
        }

        /** An attestation request from nullable arrays (null leaves the field out). */
        public static Attestation of(byte[] userData, byte[] nonce, byte[] publicKey) {
            return new Attestation(optional(userData), optional(nonce), optional(publicKey));
        }

        @Override
        public String operation() {
            return "Attestation";
        }

        private static Optional<Bytes> optional(byte[] value) {
            return value == null ? Optional.empty() : Optional.of(Bytes.of(value));
        }

        private static void checkField(Optional<Bytes> value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isPresent() && value.get().length() > MAX_ATTESTATION_FIELD) {
                throw new IllegalArgumentException("The attestation " + name + " is " + value.get().length()
                        + " bytes; the NSM accepts at most " + MAX_ATTESTATION_FIELD + ".");
            }
        }
    }

    /** Asks for 256 random bytes from the NSM. */
    record GetRandom() implements NsmRequest {
        @Override
        public String operation() {
            return "GetRandom";
        }
    }

    private static void checkIndex(int value, String name) {
        if (value < 0 || value > MAX_INDEX) {
            throw new IllegalArgumentException("The " + name + " must be between 0 and " + MAX_INDEX + "; " + value
                    + " was given.");
        }
    }
}
