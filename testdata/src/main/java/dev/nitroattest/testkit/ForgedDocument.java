package dev.nitroattest.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A document that is correct in every respect but one, and the reason code a verifier must reject it with.
 *
 * @param name a unique identifier, the name of the {@link Forgeries} method that makes it
 * @param expectedReason one of {@link #REASON_CODES}
 * @param description what is wrong, in a sentence
 * @param bytes the document (copied on the way in and out)
 */
public record ForgedDocument(String name, String expectedReason, String description, byte[] bytes) {
    /**
     * Not CBOR, not a COSE_Sign1 of the expected shape (a signature component outside [1, n-1] included), or not a
     * well-formed payload.
     */
    public static final String MALFORMED = "MALFORMED";
    /** An algorithm, curve or hash other than ES384, P-384 and SHA-384. */
    public static final String UNSUPPORTED_ALGORITHM = "UNSUPPORTED_ALGORITHM";
    /** A payload field missing, of the wrong type, or out of its bounds. */
    public static final String INVALID_FIELD = "INVALID_FIELD";
    /** A document larger than a verifier should read. */
    public static final String TOO_LARGE = "TOO_LARGE";
    /** The certificates do not chain from the pinned root under RFC 5280's rules. */
    public static final String UNTRUSTED_CHAIN = "UNTRUSTED_CHAIN";
    /** The COSE signature does not verify with the leaf's key. */
    public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
    /** Every reason code a forged document can expect: the verifier's stable codes for these failures. */
    public static final Set<String> REASON_CODES =
            Set.of(MALFORMED, UNSUPPORTED_ALGORITHM, INVALID_FIELD, TOO_LARGE, UNTRUSTED_CHAIN, BAD_SIGNATURE);

    /**
     * Checks the reason code and copies the bytes.
     *
     * @throws IllegalArgumentException if the reason is not one of {@link #REASON_CODES}
     */
    public ForgedDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!REASON_CODES.contains(expectedReason)) {
            throw new IllegalArgumentException("unknown reason code: " + expectedReason);
        }
        bytes = bytes.clone();
    }

    /** The document's bytes (a fresh copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ForgedDocument that
                && name.equals(that.name)
                && expectedReason.equals(that.expectedReason)
                && description.equals(that.description)
                && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, expectedReason, description, Arrays.hashCode(bytes));
    }

    /** Name, reason and size: handy as a parameterised test's display name. */
    @Override
    public String toString() {
        return name + " -> " + expectedReason + " (" + bytes.length + " bytes)";
    }
}
