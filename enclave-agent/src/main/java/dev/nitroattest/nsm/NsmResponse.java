package dev.nitroattest.nsm;

import dev.nitroattest.attestation.Bytes;
import java.util.Objects;

/** The answers the NSM gives, one record per kind; {@link Failed} is its error answer. */
public sealed interface NsmResponse {

    /** The answer's name as the NSM spells it, e.g. "DescribePCR" or "Error". */
    String operation();

    record Attestation(Bytes document) implements NsmResponse {
        public Attestation {
            Objects.requireNonNull(document, "document");
        }

        @Override
        public String operation() {
            return "Attestation";
        }
    }

    record GetRandom(Bytes random) implements NsmResponse {
        public GetRandom {
            Objects.requireNonNull(random, "random");
        }

        @Override
        public String operation() {
            return "GetRandom";
        }
    }

    record DescribePcr(PcrValue pcr) implements NsmResponse {
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
        public ExtendPcr {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String operation() {
            return "ExtendPCR";
        }
    }

    record LockPcr() implements NsmResponse {
        @Override
        public String operation() {
            return "LockPCR";
        }
    }

    record LockPcrs() implements NsmResponse {
        @Override
        public String operation() {
            return "LockPCRs";
        }
    }

    record DescribeNsm(NsmDescription description) implements NsmResponse {
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
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String operation() {
            return "Error";
        }
    }
}
