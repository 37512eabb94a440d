package com.example.enclave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nitroattest.attestation.TrustAnchor;
import dev.nitroattest.kms.emulated.EmulatedKms;
import dev.nitroattest.kms.emulated.KmsJsonServer;
import dev.nitroattest.kms.emulated.RecipientConditions;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedAuthority;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.secrets.enclave.AttestedRecipient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * The unchanged AWS SDK for Java v2 against the emulated KMS on 127.0.0.1: the request it writes with a Recipient,
 * the CiphertextForRecipient it reads back, and KMS's refusal of an image the key policy does not name.
 */
class KmsSecretsTest {
    private static final byte[] SECRET = "the database password".getBytes(StandardCharsets.UTF_8);

    private final EmulatedAuthority awsStandIn = EmulatedAuthority.freshTestPki();
    private KmsJsonServer server;
    private KmsClient sdk;

    private static byte[] pcr(int fill) {
        byte[] value = new byte[48];
        Arrays.fill(value, (byte) fill);
        return value;
    }

    private NsmClient enclave(int pcr0Fill) throws Exception {
        return new NsmClient(EmulatedNsm.builder().authority(awsStandIn).pcr(0, pcr(pcr0Fill)).pcr(1, pcr(1))
                .pcr(2, pcr(2)).build());
    }

    @BeforeEach
    void start() throws Exception {
        EmulatedKms kms = EmulatedKms.builder(TrustAnchor.fromDer(awsStandIn.rootCertificateDer()))
                .key("alias/app", RecipientConditions.none().imageSha384(HexFormat.of().formatHex(pcr(0x5a))))
                .build();
        server = KmsJsonServer.start(kms, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), line -> { });
        sdk = KmsSecrets.kmsThroughBridge(Region.US_EAST_1, server.endpoint(), StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")));
    }

    @AfterEach
    void stop() {
        sdk.close();
        server.close();
    }

    private byte[] encrypted() {
        return sdk.encrypt(request -> request.keyId("alias/app").plaintext(SdkBytes.fromByteArray(SECRET)))
                .ciphertextBlob().asByteArray();
    }

    @Test
    void theImageThePolicyNamesGetsItsSecret() throws Exception {
        try (NsmClient nsm = enclave(0x5a); AttestedRecipient recipient = AttestedRecipient.create(nsm)) {
            assertArrayEquals(SECRET, new KmsSecrets(sdk, recipient).decrypt(encrypted(), "alias/app"));
        }
    }

    @Test
    void theSdkGetsNoPlaintextWhenItSendsARecipient() throws Exception {
        try (NsmClient nsm = enclave(0x5a); AttestedRecipient recipient = AttestedRecipient.create(nsm)) {
            SdkBytes document = SdkBytes.fromByteArray(recipient.attestationDocument(null, null).toByteArray());
            var response = sdk.decrypt(DecryptRequest.builder().ciphertextBlob(SdkBytes.fromByteArray(encrypted()))
                    .recipient(info -> info.attestationDocument(document).keyEncryptionAlgorithm("RSAES_OAEP_SHA_256"))
                    .build());
            assertNull(response.plaintext());
            assertArrayEquals(SECRET, recipient.open(response.ciphertextForRecipient().asByteArray()));
        }
    }

    @Test
    void anotherImageIsDeniedByKms() throws Exception {
        try (NsmClient nsm = enclave(0x5b); AttestedRecipient recipient = AttestedRecipient.create(nsm)) {
            byte[] blob = encrypted();
            KmsException denied = assertThrows(KmsException.class,
                    () -> new KmsSecrets(sdk, recipient).decrypt(blob, "alias/app"));
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertEquals(400, denied.statusCode());
        }
    }
}
