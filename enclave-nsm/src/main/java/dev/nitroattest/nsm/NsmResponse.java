package dev.nitroattest.nsm;

import dev.nitroattest.bytes.Bytes;
import java.util.Objects;

/** The answers the NSM gives, one record per kind; {@link Failed} is its error answer. */
public sealed interface NsmResponse {

    /** The answer's name as the NSM spells it, e.g. "DescribePCR" or "Error". */
    String operation();

    /**
     * The attestation document the NSM signed.
     *
     * @param document the COSE_Sign1 bytes
     */
    record Attestation(Bytes document) implements NsmResponse {
        /** Checks that the document is present. */
        public Attestation {
            Objects.requireNonNull(document, "document");
        }

        @Override
        public String operation() {
            return "Attestation";
        }
    }

    /**
     * Random bytes from the NSM.
     *
     * @param random the bytes
     */
    record GetRandom(Bytes random) implements NsmResponse {
        /** Checks that the bytes are present. */
        public GetRandom {
            Objects.requireNonNull(random, "random");
        }

        @Override
        public String operation() {
            return "GetRandom";
        }
    }

    /**
     * A PCR's value and lock state.
     *
     * @param pcr the PCR
     */
    record DescribePcr(PcrValue pcr) implements NsmResponse {
        /** Checks that the PCR is present. */
        public DescribePcr {
            Objects.requireNonNull(pcr, "pcr");
        }

        @Override
        public String operation() {
            return "DescribePCR";
        }
    }

    /** The PCR's value after the extension. */
    record ExtendPcr(Bytes data) implements NsmResponse {
        /** Checks that the value is present. */
        public ExtendPcr {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String operation() {
            return "ExtendPCR";
        }
    }

    /** The PCR is now locked. */
    record LockPcr() implements NsmResponse {
        @Override
        public String operation() {
            return "LockPCR";
        }
    }

    /** The PCRs are now locked. */
    record LockPcrs() implements NsmResponse {
        @Override
        public String operation() {
            return "LockPCRs";
        }
    }

    /**
     * What the NSM says of itself.
     *
     * @param description its version, limits and locked PCRs
     */
    record DescribeNsm(NsmDescription description) implements NsmResponse {
        /** Checks that the description is present. */
        public DescribeNsm {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String operation() {
            return "DescribeNSM";
        }
    }

    /** {@code {"Error": NAME}}. */
    record Failed(NsmError error) implements NsmResponse {
        /** Checks that the error is present. */
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String operation() {
            return "Error";
        }
    }
}
