package dev.nitroattest.attestation;

import dev.nitroattest.bytes.Bytes;
import java.util.Objects;
import java.util.Optional;

/**
 * What one verification expects of the fields the enclave's caller chose: the nonce (the usual defence
 * against replay), user_data and public_key. Each expected field must be present in the document with
 * exactly that value, compared in constant time; user_data and public_key are not checked unless set.
 *
 * <p>There is no value without a decision about the nonce: {@link #nonce(byte[])} expects one, and the named
 * relaxation {@link #withoutNonce()} checks none, for a caller that protects itself from replayed documents
 * otherwise (see {@link VerifiedAttestation#replayKey()}) or verifies archived documents. Immutable.
 */
public final class Expectations {
    private static final Expectations WITHOUT_NONCE = new Expectations(null, null, null);

    private final Bytes nonce;
    private final Bytes userData;
    private final Bytes publicKey;

    private Expectations(Bytes nonce, Bytes userData, Bytes publicKey) {
        this.nonce = nonce;
        this.userData = userData;
        this.publicKey = publicKey;
    }

    /**
     * Expects exactly this nonce: the relying service's fresh challenge, which makes a replayed document fail.
     *
     * @param nonce the nonce the caller sent to the enclave
     * @return expectations of that nonce
     */
    public static Expectations nonce(byte[] nonce) {
        return WITHOUT_NONCE.withNonce(nonce);
    }

    /**
     * Checks no nonce: a document made for someone else, or long ago, passes as far as the nonce goes. For callers
     * that verify archived documents, or that reject replays by another means such as a cache of
     * {@link VerifiedAttestation#replayKey()} for the document's lifetime.
     *
     * @return expectations that check no nonce (user_data and public_key may still be added)
     */
    public static Expectations withoutNonce() {
        return WITHOUT_NONCE;
    }

    /**
     * These expectations, and the document's nonce must be exactly this.
     *
     * @param expected the nonce the caller sent
     * @return new expectations
     */
    public Expectations withNonce(byte[] expected) {
        return new Expectations(Bytes.of(Objects.requireNonNull(expected, "nonce")), userData, publicKey);
    }

    /**
     * These expectations, and the document's user_data must be exactly this.
     *
     * @param expected the user_data the caller expects
     * @return new expectations
     */
    public Expectations withUserData(byte[] expected) {
        return new Expectations(nonce, Bytes.of(Objects.requireNonNull(expected, "userData")), publicKey);
    }

    /**
     * These expectations, and the document's public_key must be exactly this.
     *
     * @param expected the key the caller expects
     * @return new expectations
     */
    public Expectations withPublicKey(byte[] expected) {
        return new Expectations(nonce, userData, Bytes.of(Objects.requireNonNull(expected, "publicKey")));
    }

    /**
     * The expected nonce.
     *
     * @return the nonce, or empty if the nonce is not checked
     */
    public Optional<Bytes> nonce() {
        return Optional.ofNullable(nonce);
    }

    /**
     * The expected user_data.
     *
     * @return the bytes, or empty if user_data is not checked
     */
    public Optional<Bytes> userData() {
        return Optional.ofNullable(userData);
    }

    /**
     * The expected public_key.
     *
     * @return the key, or empty if public_key is not checked
     */
    public Optional<Bytes> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    @Override
    public String toString() {
        return "Expectations[nonce=" + (nonce != null) + ", userData=" + (userData != null) + ", publicKey="
                + (publicKey != null) + "]";
    }
}
