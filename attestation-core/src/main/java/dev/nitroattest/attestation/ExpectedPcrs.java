package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.payload.PayloadDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The enclave measurements a verifier accepts: for each pinned PCR index, one or more accepted values
 * (several values let a fleet roll from one image to the next). A document must carry every pinned index
 * with one of its accepted values; indices that are not pinned are not checked. An empty policy cannot be
 * built: to accept any image, say so with {@code acceptAnyEnclaveImage()} on the verifier builder.
 *
 * <p>Typical pins: PCR0 (the whole image), PCR1 and PCR2 (kernel and application), PCR8 (the image signing
 * certificate, for signed images), PCR3 (the parent's IAM role), PCR4 (the parent instance).
 */
public final class ExpectedPcrs {
    /** Index bound for enclave documents; NitroTPM verifiers accept indices below 24 only. */
    private static final int MAX_INDEX = PayloadDecoder.MAX_ENCLAVE_PCRS - 1;
    private static final int PCR_LENGTH = PayloadDecoder.PCR_LENGTH;

    private final SortedMap<Integer, List<Bytes>> accepted;

    private ExpectedPcrs(SortedMap<Integer, List<Bytes>> accepted) {
        this.accepted = accepted;
    }

    /**
     * Starts an empty policy; at least one value must be accepted before {@code build()}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The policy pinning each index to exactly one value, given in hexadecimal. */
    public static ExpectedPcrs ofHex(Map<Integer, String> valuesByIndex) {
        Builder builder = builder();
        valuesByIndex.forEach(builder::accept);
        return builder.build();
    }

    /** Accepted values by index, ordered by index. */
    public SortedMap<Integer, List<Bytes>> asMap() {
        return accepted;
    }

    /** The highest pinned index. */
    int highestIndex() {
        return accepted.lastKey();
    }

    @Override
    public String toString() {
        return "ExpectedPcrs" + accepted;
    }

    /** Collects accepted values; {@link #build()} checks that the policy pins at least one PCR. */
    public static final class Builder {
        private final SortedMap<Integer, Set<Bytes>> values = new TreeMap<>();

        private Builder() {
        }

        /**
         * Accepts {@code value} for PCR {@code index}; calling again for the same index adds another accepted value.
         *
         * @throws VerifierConfigurationException if the index is outside 0..31 or the value is not 48 bytes
         */
        public Builder accept(int index, byte[] value) {
            Objects.requireNonNull(value, "value");
            if (index < 0 || index > MAX_INDEX) {
                throw new VerifierConfigurationException("PCR index " + index + " is outside 0.." + MAX_INDEX + ".");
            }
            if (value.length != PCR_LENGTH) {
                throw new VerifierConfigurationException("The expected value for PCR" + index + " is " + value.length
                        + " bytes; SHA-384 PCRs are " + PCR_LENGTH + " bytes (" + 2 * PCR_LENGTH + " hex digits).");
            }
            values.computeIfAbsent(index, i -> new LinkedHashSet<>()).add(Bytes.of(value));
            return this;
        }

        /** Accepts a value given in hexadecimal for PCR {@code index}. */
        public Builder accept(int index, String hex) {
            Objects.requireNonNull(hex, "hex");
            byte[] value;
            try {
                value = HexFormat.of().parseHex(hex.strip());
            } catch (IllegalArgumentException e) {
                throw new VerifierConfigurationException("The expected value for PCR" + index
                        + " is not hexadecimal.", e);
            }
            return accept(index, value);
        }

        /**
         * @throws VerifierConfigurationException if no PCR is pinned
         */
        public ExpectedPcrs build() {
            if (values.isEmpty()) {
                throw new VerifierConfigurationException("An ExpectedPcrs policy must pin at least one PCR; to accept "
                        + "any enclave image, call acceptAnyEnclaveImage() on the verifier builder instead.");
            }
            SortedMap<Integer, List<Bytes>> copy = new TreeMap<>();
            values.forEach((index, accepted) -> copy.put(index, Collections.unmodifiableList(new ArrayList<>(accepted))));
            return new ExpectedPcrs(Collections.unmodifiableSortedMap(copy));
        }
    }
}
