package dev.nitroattest.secrets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Properties of opening, the enclave's side facing bytes the parent carries: whatever the bytes, {@link
 * RecipientKey#open} and {@link RecipientKey#openAuthenticated} return or throw {@link SecretRefusedException}, never
 * another exception, a hang or an allocation beyond the input; and an authenticated envelope that opens, however it
 * was altered, opens to the secret it was sealed with. Inputs are raw bytes, or one of the two forms sealed to the
 * enclave's key with a few bytes changed and perhaps cut short, so that the fuzzer reaches the unwrap and the
 * decryption and not only the outer structure. In the normal build this replays what {@code EnvelopeFuzzTestInputs}
 * holds; {@code JAZZER_FUZZ=1} fuzzes (see this module's README).
 */
class EnvelopeFuzzTest {
    private static final byte[] SECRET = "fuzzed secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] KMS_FORM = seal(SecretFormat.KMS);
    private static final byte[] AUTHENTICATED_FORM = seal(SecretFormat.AUTHENTICATED);

    private static byte[] seal(SecretFormat format) {
        try {
            return Enclaves.sealed(SECRET, format);
        } catch (Exception e) {
            throw new IllegalStateException("sealing the fuzz bases failed", e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void opening(FuzzedDataProvider data) {
        int base = data.consumeInt(0, 2);
        byte[] input = switch (base) {
            case 0 -> data.consumeRemainingAsBytes();
            case 1 -> altered(KMS_FORM, data);
            default -> altered(AUTHENTICATED_FORM, data);
        };
        try {
            Enclaves.ENCLAVE.open(input);
        } catch (SecretRefusedException expected) {
            // The one way opening refuses input.
        }
        try {
            byte[] opened = Enclaves.ENCLAVE.openAuthenticated(input);
            if (!Arrays.equals(opened, SECRET)) {
                throw new AssertionError("an authenticated envelope opened to other bytes than were sealed");
            }
        } catch (SecretRefusedException expected) {
            // Altered, cut, or not the authenticated form.
        }
    }

    private static byte[] altered(byte[] envelope, FuzzedDataProvider data) {
        byte[] copy = envelope.clone();
        int edits = data.consumeInt(0, 6);
        for (int i = 0; i < edits; i++) {
            copy[data.consumeInt(0, copy.length - 1)] ^= data.consumeByte();
        }
        return data.consumeBoolean() ? Arrays.copyOf(copy, data.consumeInt(0, copy.length)) : copy;
    }
}
