package dev.nitroattest.attestation;

import dev.nitroattest.attestation.internal.payload.PayloadDecoder;
import dev.nitroattest.bytes.Bytes;
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
 *
 * <p>A policy must pin at least one of the {@link #IMAGE_PCRS image PCRs} 0, 1, 2 or 8. PCR3 and PCR4 measure the
 * parent, not the image: every enclave image started on that parent passes pins of them alone, so such a policy
 * would accept any code the parent chooses to run. {@link Builder#allowPinsWithoutImagePcrs()} lifts the rule by
 * name, for NitroTPM documents (whose indices measure other things) and for a policy that pins the image some other
 * way.
 */
public final class ExpectedPcrs {
    /** Index bound for enclave documents; NitroTPM verifiers accept indices below 24 only. */
    private static final int MAX_INDEX = PayloadDecoder.MAX_ENCLAVE_PCRS - 1;
    private static final int PCR_LENGTH = PayloadDecoder.PCR_LENGTH;

    /** The PCRs that measure the enclave image: the image (0), kernel and ramdisk (1), application (2), signer (8). */
    public static final Set<Integer> IMAGE_PCRS = Set.of(0, 1, 2, 8);

    private final SortedMap<Integer, List<Bytes>> accepted;

    private ExpectedPcrs(SortedMap<Integer, List<Bytes>> accepted) {
        this.accepted = accepted;
    }

    /**
     * Whether the policy pins at least one of the {@link #IMAGE_PCRS}: only then does it say which image runs.
     *
     * @return false only for a policy built with {@link Builder#allowPinsWithoutImagePcrs()}
     */
    public boolean pinsImage() {
        return accepted.keySet().stream().anyMatch(IMAGE_PCRS::contains);
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

    /**
     * Collects accepted values; {@link #build()} checks that the policy pins at least one PCR, and at least one image
     * PCR unless {@link #allowPinsWithoutImagePcrs()} was called.
     */
    public static final class Builder {
        private final SortedMap<Integer, Set<Bytes>> values = new TreeMap<>();
        private boolean withoutImagePcrs;

        private Builder() {
        }

        /**
         * Lets the policy pin none of PCR0, 1, 2 or 8. Without them a policy does not say which image runs: pins of
         * PCR3 or PCR4 alone (the parent's IAM role and instance) pass every image on that parent. For NitroTPM
         * documents, whose indices measure firmware and boot instead, and for policies that identify the image some
         * other way (a PCR the image itself extends, say).
         *
         * @return this builder
         */
        public Builder allowPinsWithoutImagePcrs() {
            this.withoutImagePcrs = true;
            return this;
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
         * @throws VerifierConfigurationException if no PCR is pinned, or none of PCR0, 1, 2 or 8 without
         *     {@link #allowPinsWithoutImagePcrs()}
         */
        public ExpectedPcrs build() {
            if (values.isEmpty()) {
                throw new VerifierConfigurationException("An ExpectedPcrs policy must pin at least one PCR; to accept "
                        + "any enclave image, call acceptAnyEnclaveImage() on the verifier builder instead.");
            }
            if (!withoutImagePcrs && values.keySet().stream().noneMatch(IMAGE_PCRS::contains)) {
                String pinned = values.keySet().stream().map(index -> "PCR" + index)
                        .collect(java.util.stream.Collectors.joining(", "));
                throw new VerifierConfigurationException("The policy pins only " + pinned + ", none of which "
                        + "measures the enclave image, so every image on that parent would pass; pin PCR0, 1, 2 or 8 "
                        + "as well (or call allowPinsWithoutImagePcrs() if the image is pinned some other way).");
            }
            SortedMap<Integer, List<Bytes>> copy = new TreeMap<>();
            values.forEach((index, accepted) -> copy.put(index, Collections.unmodifiableList(new ArrayList<>(accepted))));
            return new ExpectedPcrs(Collections.unmodifiableSortedMap(copy));
        }
    }
}
