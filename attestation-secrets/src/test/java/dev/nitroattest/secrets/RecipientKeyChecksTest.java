package dev.nitroattest.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.secrets.internal.AuthEnvelope;
import dev.nitroattest.secrets.internal.KeyTransRecipient;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recipient key's own checks: the key sizes it generates, and the content key's length once it unwraps, which
 * RSA-OAEP alone does not fix (a sender can wrap any number of bytes).
 */
@DisplayName("Recipient key: key sizes and the unwrapped content key's length")
class RecipientKeyChecksTest {
    private static final byte[] SECRET = "a database password".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {1024, 2047, 2049})
    @DisplayName("a key of another size than 2048, 3072 or 4096 bits is refused before any is drawn")
    void onlyTheThreeKeySizes(int bits) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecipientKey.generate(bits, Enclaves.seeded("size " + bits)));
        assertEquals("A recipient key has 2048, 3072 or 4096 bits, not " + bits + ".", e.getMessage());
    }

    @Test
    @DisplayName("an envelope of exactly the cap is parsed (and refused for what it holds), one byte more is TOO_LARGE")
    void envelopeOfExactlyTheCapIsParsed() throws Exception {
        byte[] sealed = Enclaves.sealed(new byte[16], SecretFormat.AUTHENTICATED);
        byte[] atTheCap = java.util.Arrays.copyOf(sealed, RecipientKey.MAX_ENVELOPE_LENGTH);
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> Enclaves.ENCLAVE.openAuthenticated(atTheCap));
        assertEquals(SecretRefusal.MALFORMED, refused.reason(), refused.getMessage());
        byte[] overTheCap = java.util.Arrays.copyOf(sealed, RecipientKey.MAX_ENVELOPE_LENGTH + 1);
        assertEquals(SecretRefusal.TOO_LARGE, assertThrows(SecretRefusedException.class,
                () -> Enclaves.ENCLAVE.openAuthenticated(overTheCap)).reason());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 16, 31, 33, 64})
    @DisplayName("a content key that unwraps to other than 32 bytes is KEY_UNWRAP_FAILED, not tried as an AES key")
    void contentKeyMustBe32Bytes(int length) throws Exception {
        AuthEnvelope sealed = AuthEnvelope.parse(Enclaves.sealed(SECRET, SecretFormat.AUTHENTICATED));
        byte[] contentKey = new byte[length];
        java.util.Arrays.fill(contentKey, (byte) 0x6b);
        byte[] forged = new AuthEnvelope(new KeyTransRecipient(sealed.recipient().keyId(), wrapped(contentKey)),
                sealed.nonce(), sealed.encryptedContent(), sealed.tag()).encode();
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> Enclaves.ENCLAVE.openAuthenticated(forged));
        assertEquals(SecretRefusal.KEY_UNWRAP_FAILED, refused.reason(), refused.getMessage());
    }

    @Test
    @DisplayName("a wrapped key that does not unwrap at all is KEY_UNWRAP_FAILED")
    void wrappedKeyThatDoesNotUnwrap() throws Exception {
        AuthEnvelope sealed = AuthEnvelope.parse(Enclaves.sealed(SECRET, SecretFormat.AUTHENTICATED));
        byte[] garbage = sealed.recipient().encryptedKey().clone();
        garbage[garbage.length / 2] ^= 1;
        byte[] forged = new AuthEnvelope(new KeyTransRecipient(sealed.recipient().keyId(), garbage),
                sealed.nonce(), sealed.encryptedContent(), sealed.tag()).encode();
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> Enclaves.ENCLAVE.openAuthenticated(forged));
        assertEquals(SecretRefusal.KEY_UNWRAP_FAILED, refused.reason(), refused.getMessage());
    }

    @Test
    @DisplayName("the same forging path with a 32-byte content key reaches the tag check (the forgery is sound)")
    void thirtyTwoByteKeyReachesTheTag() throws Exception {
        AuthEnvelope sealed = AuthEnvelope.parse(Enclaves.sealed(SECRET, SecretFormat.AUTHENTICATED));
        byte[] forged = new AuthEnvelope(new KeyTransRecipient(sealed.recipient().keyId(), wrapped(new byte[32])),
                sealed.nonce(), sealed.encryptedContent(), sealed.tag()).encode();
        SecretRefusedException refused = assertThrows(SecretRefusedException.class,
                () -> Enclaves.ENCLAVE.openAuthenticated(forged));
        assertEquals(SecretRefusal.AUTHENTICATION_FAILED, refused.reason(), refused.getMessage());
        assertTrue(refused.getMessage().contains("The tag does not verify"), refused.getMessage());
    }

    /** {@code contentKey} wrapped to the enclave's key with RSAES-OAEP, SHA-256 and MGF1-SHA-256, as KMS does. */
    private static byte[] wrapped(byte[] contentKey) throws Exception {
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Enclaves.ENCLAVE.publicKey().toByteArray()));
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, publicKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        return oaep.doFinal(contentKey);
    }
}
