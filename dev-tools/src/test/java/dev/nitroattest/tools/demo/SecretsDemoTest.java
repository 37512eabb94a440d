package dev.nitroattest.tools.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ./demo secrets, in process: the secret goes to the image its key policy names, and only there. */
class SecretsDemoTest {
    @Test
    void theSecretIsReleasedToThisImageAndRefusedUnderAnotherImagesPolicy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SecretsDemo.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("opened with the recipient key: "
                + "\"postgres://app:correct-horse-battery-staple@db/app\""), printed);
        assertTrue(printed.contains("Decrypt alias/other-app through the bridge -> 400 AccessDeniedException: The key "
                + "policy's condition kms:RecipientAttestation:ImageSha384 is not met"), printed);
        assertTrue(printed.contains("emulated KMS: kms: Decrypt -> 200"), printed);
        assertTrue(printed.contains("the secret went only to the image its key policy names."), printed);
    }
}
