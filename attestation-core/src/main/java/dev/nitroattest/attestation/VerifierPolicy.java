package dev.nitroattest.attestation;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The policy a verified document passed, as the verifier was configured: so that whoever receives a
 * {@link VerifiedAttestation} (a sealer, say) can tell a document pinned to an image from one a permissive verifier
 * let through.
 *
 * @param kind the kind of document the verifier accepts
 * @param pinnedPcrs the PCR indices the verifier pinned; empty when it accepted any enclave image
 * @param imagePinned whether the pins include PCR0, 1, 2 or 8, which measure the image
 *     ({@link ExpectedPcrs#IMAGE_PCRS}); false when the verifier accepted any image, or pinned only other PCRs by {@link
 *     ExpectedPcrs.Builder#allowPinsWithoutImagePcrs()}
 * @param debugEnclavesAllowed whether the verifier accepted debug-mode enclaves, which anyone can run
 */
public record VerifierPolicy(DocumentKind kind, SortedSet<Integer> pinnedPcrs, boolean imagePinned,
        boolean debugEnclavesAllowed) {

    /** Checks the parts and keeps an unmodifiable copy of the indices. */
    public VerifierPolicy {
        Objects.requireNonNull(kind, "kind");
        pinnedPcrs = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(pinnedPcrs,
                "pinnedPcrs")));
    }

    /**
     * Whether the verifier accepted any enclave image ({@code acceptAnyEnclaveImage()}).
     *
     * @return true when no PCR was pinned
     */
    public boolean anyEnclaveImage() {
        return pinnedPcrs.isEmpty();
    }

    static VerifierPolicy of(DocumentKind kind, ExpectedPcrs expected, boolean debugEnclavesAllowed) {
        return expected == null ? new VerifierPolicy(kind, new TreeSet<>(), false, debugEnclavesAllowed)
                : new VerifierPolicy(kind, new TreeSet<>(expected.asMap().keySet()), expected.pinsImage(),
                        debugEnclavesAllowed);
    }
}
