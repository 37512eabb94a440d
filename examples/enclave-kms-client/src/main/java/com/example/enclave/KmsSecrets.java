package com.example.enclave;

import dev.nitroattest.nsm.NsmException;
import dev.nitroattest.secrets.SecretRefusedException;
import dev.nitroattest.secrets.enclave.AttestedRecipient;
import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.KeyEncryptionMechanism;
import software.amazon.awssdk.services.kms.model.RecipientInfo;

/**
 * What an enclave application does to get its secret from AWS KMS: it asks the NSM for an attestation document
 * carrying its recipient key, sends it with {@code Decrypt} as the {@code Recipient}, and opens the {@code
 * CiphertextForRecipient} KMS answers with. KMS releases the secret only when the document is genuine and its
 * measurements meet the key policy's {@code kms:RecipientAttestation} conditions; the plaintext never leaves the
 * enclave, not even to the parent instance that carries the bytes.
 */
public final class KmsSecrets {
    private final KmsClient kms;
    private final AttestedRecipient recipient;

    /**
     * @param kms the SDK's client, reaching KMS through the enclave's bridge (see {@link #kmsThroughBridge})
     * @param recipient the enclave's recipient key and its NSM
     */
    public KmsSecrets(KmsClient kms, AttestedRecipient recipient) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.recipient = Objects.requireNonNull(recipient, "recipient");
    }

    /**
     * The SDK's KMS client for an enclave: the enclave has no network, so it sends to the agent's bridge on the
     * enclave's loopback, which carries the bytes over vsock to the parent's forwarder and on to KMS. With TLS, the
     * endpoint is {@code https://kms.REGION.amazonaws.com} and the image's {@code /etc/hosts} maps that name to
     * 127.0.0.1, so that the certificate KMS presents is checked against its own name (docs/deployment.md).
     */
    public static KmsClient kmsThroughBridge(Region region, URI endpoint, AwsCredentialsProvider credentials) {
        return KmsClient.builder().region(region).endpointOverride(endpoint).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /**
     * Decrypts a ciphertext that KMS made under {@code keyId}, releasing the plaintext to this enclave only.
     *
     * @throws NsmException if the NSM does not give a document
     * @throws SecretRefusedException if KMS's answer does not open with the recipient key
     * @throws software.amazon.awssdk.services.kms.model.KmsException when KMS refuses: {@code AccessDeniedException}
     *     when the enclave's measurements do not meet the key policy
     */
    public byte[] decrypt(byte[] ciphertextBlob, String keyId) throws NsmException, SecretRefusedException {
        RecipientInfo attested = RecipientInfo.builder()
                .attestationDocument(SdkBytes.fromByteArray(recipient.attestationDocument(null, null).toByteArray()))
                .keyEncryptionAlgorithm(KeyEncryptionMechanism.RSAES_OAEP_SHA_256)
                .build();
        DecryptResponse response = kms.decrypt(DecryptRequest.builder()
                .ciphertextBlob(SdkBytes.fromByteArray(ciphertextBlob))
                .keyId(keyId)
                .recipient(attested)
                .build());
        return recipient.open(response.ciphertextForRecipient().asByteArray());
    }
}
