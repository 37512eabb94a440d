package dev.nitroattest.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ./demo secrets, in process: the secret goes to the image its key policy names, and only there; the parent's attack
 * of issue 19 is printed refused.
 */
class SecretsDemoTest {
    private static int status;
    private static String printed;
    private static String errors;

    @BeforeAll
    static void runTheDemoOnce() {
        DemoOutput demo = DemoOutput.of(SecretsDemo::run);
        status = demo.status();
        printed = demo.printed();
        errors = demo.errors();
    }

    @Test
    void theSecretIsReleasedToThisImageAndRefusedUnderAnotherImagesPolicy() {
        assertEquals(0, status, printed + errors);
        assertTrue(printed.contains("opened with the recipient key: "
                + "\"postgres://app:correct-horse-battery-staple@db/app\""), printed);
        assertTrue(printed.contains("Decrypt alias/other-app through the bridge -> 400 AccessDeniedException: The key "
                + "policy's condition kms:RecipientAttestation:ImageSha384 is not met"), printed);
        assertTrue(printed.contains("emulated KMS: kms: Decrypt -> 200"), printed);
        assertTrue(printed.contains("published it in the agent's binding file"), printed);
        assertTrue(printed.contains("-> it carries the published key as public_key"), printed);
        assertTrue(printed.contains("relying service: POST /v1/attestation with its own nonce to the parent proxy"),
                printed);
        assertTrue(printed.contains("the secret went only to the image its key policy names, and the parent could not "
                + "read it."), printed);
    }

    @Test
    void theParentsAttackIsPrintedRefused() {
        assertEquals(0, status, printed + errors);
        assertTrue(printed.contains("parent: made its own RSA-2048 key and asked the agent for a document binding it "
                + "-> CALLER_BINDING_REFUSED: The request carries \"public_key\", which only code inside the enclave "
                + "chooses"), printed);
        assertTrue(printed.contains("parent: asked the parent proxy the same -> 400 CALLER_BINDING_REFUSED: The field "
                + "\"public_key\" is refused"), printed);
        assertTrue(printed.contains("parent: replayed the enclave's genuine document to KMS (Decrypt alias/this-app) "
                + "-> CiphertextForRecipient ("), printed);
        assertTrue(printed.contains("-> its own key cannot open it: WRONG_RECIPIENT"), printed);
        assertFalse(printed.contains("OPENED"), printed);
    }
}
