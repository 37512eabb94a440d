package dev.nitroattest.kms.emulated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KMS's JSON protocol over HTTP on 127.0.0.1: the bodies an SDK sends and reads, and the errors in KMS's shape. */
class KmsJsonServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final List<String> LOG = new CopyOnWriteArrayList<>();
    private static Enclave enclave;
    private static Enclave otherImage;
    private static KmsJsonServer server;

    @BeforeAll
    static void start() throws Exception {
        enclave = new Enclave(1);
        otherImage = new Enclave(2);
        EmulatedKms kms = EmulatedKms.builder(enclave.root())
                .key("alias/app", RecipientConditions.none().imageSha384(enclave.pcrHex(0))).build();
        server = KmsJsonServer.start(kms, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), LOG::add);
    }

    @AfterAll
    static void stop() {
        server.close();
        enclave.close();
        otherImage.close();
    }

    private static HttpResponse<String> call(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return matcher.group(1);
    }

    private static String encrypt(String secret) throws Exception {
        HttpResponse<String> encrypted = call("TrentService.Encrypt", "{\"KeyId\":\"alias/app\",\"Plaintext\":\""
                + BASE64.encodeToString(secret.getBytes(StandardCharsets.UTF_8)) + "\"}");
        assertEquals(200, encrypted.statusCode(), encrypted.body());
        assertEquals("application/x-amz-json-1.1", encrypted.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("SYMMETRIC_DEFAULT", field(encrypted.body(), "EncryptionAlgorithm"));
        return field(encrypted.body(), "CiphertextBlob");
    }

    private static String decryptBody(String blob, byte[] document) {
        return "{\"CiphertextBlob\":\"" + blob + "\",\"GrantTokens\":[],\"Recipient\":{\"AttestationDocument\":\""
                + BASE64.encodeToString(document) + "\",\"KeyEncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}}";
    }

    @Test
    void encryptThenDecryptForTheAttestedRecipient() throws Exception {
        String blob = encrypt("s3cret");
        HttpResponse<String> decrypted = call("TrentService.Decrypt", decryptBody(blob, enclave.document()));
        assertEquals(200, decrypted.statusCode(), decrypted.body());
        assertFalse(decrypted.body().contains("\"Plaintext\""), decrypted.body());
        byte[] sealed = Base64.getDecoder().decode(field(decrypted.body(), "CiphertextForRecipient"));
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), Enclave.KEY.open(sealed));
        assertTrue(field(decrypted.body(), "KeyId").startsWith("arn:aws:kms:us-east-1:111122223333:key/"));
        assertTrue(LOG.contains("kms: Decrypt -> 200"), LOG.toString());
    }

    @Test
    void anotherImageGetsAccessDeniedInKmsErrorShape() throws Exception {
        HttpResponse<String> denied = call("TrentService.Decrypt", decryptBody(encrypt("s3cret"),
                otherImage.document()));
        assertEquals(400, denied.statusCode());
        assertEquals("AccessDeniedException", field(denied.body(), "__type"));
        assertTrue(field(denied.body(), "message").contains("ImageSha384 is not met"), denied.body());
    }

    @Test
    void generateDataKeyAndGenerateRandomAnswerTheRecipient() throws Exception {
        String recipient = ",\"Recipient\":{\"AttestationDocument\":\"" + BASE64.encodeToString(enclave.document())
                + "\",\"KeyEncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}}";
        HttpResponse<String> dataKey = call("TrentService.GenerateDataKey", "{\"KeyId\":\"alias/app\","
                + "\"KeySpec\":\"AES_256\"" + recipient);
        assertEquals(200, dataKey.statusCode(), dataKey.body());
        assertEquals(32, Enclave.KEY.open(Base64.getDecoder().decode(field(dataKey.body(),
                "CiphertextForRecipient"))).length);
        field(dataKey.body(), "CiphertextBlob");
        HttpResponse<String> random = call("TrentService.GenerateRandom", "{\"NumberOfBytes\":48" + recipient);
        assertEquals(200, random.statusCode(), random.body());
        assertEquals(48, Enclave.KEY.open(Base64.getDecoder().decode(field(random.body(),
                "CiphertextForRecipient"))).length);
    }

    @Test
    void requestsThatAreNotTheOperationsJsonAreRefusedInKmsShape() throws Exception {
        String[][] cases = {
            {"TrentService.Decrypt", "not json", "SerializationException"},
            {"TrentService.Decrypt", "[1]", "SerializationException"},
            {"TrentService.Decrypt", "{\"CiphertextBlob\":\"AA\",\"CiphertextBlob\":\"AA\"}", "SerializationException"},
            {"TrentService.Decrypt", "{\"CiphertextBlob\":\"not base64!\"}", "SerializationException"},
            {"TrentService.Decrypt", "{\"CiphertextBlob\":5}", "SerializationException"},
            {"TrentService.Decrypt", "{}", "ValidationException"},
            {"TrentService.Decrypt", "{\"CiphertextBlob\":\"AAAA\",\"EncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}",
                "ValidationException"},
            {"TrentService.Decrypt", "{\"CiphertextBlob\":\"AAAA\",\"Recipient\":{\"AttestationDocument\":\"AAAA\"}}",
                "ValidationException"},
            {"TrentService.GenerateDataKey", "{\"KeyId\":\"alias/app\",\"KeySpec\":\"AES_512\"}",
                "ValidationException"},
            {"TrentService.GenerateDataKey", "{\"KeyId\":\"alias/app\",\"KeySpec\":\"AES_256\",\"NumberOfBytes\":32}",
                "ValidationException"},
            {"TrentService.GenerateRandom", "{}", "ValidationException"},
            {"TrentService.GenerateRandom", "{\"NumberOfBytes\":\"32\"}", "SerializationException"},
            {"TrentService.Decrypt", "{\"CiphertextBlob\":\"AAAA\"}", "InvalidCiphertextException"},
            {"TrentService.Decrypt", "{\"CiphertextBlob\":\"AAAA\",\"DryRun\":true}", "ValidationException"},
            {"TrentService.Decrypt", "{\"CiphertextBlob\":\"AAAA\",\"Recipient\":{}}", "ValidationException"},
            {"TrentService.Encrypt", "{\"KeyId\":\"alias/none\",\"Plaintext\":\"AA==\"}", "NotFoundException"},
            {"TrentService.GenerateDataKey", "{\"KeyId\":\"alias/app\"}", "ValidationException"},
            {"TrentService.Sign", "{}", "UnknownOperationException"},
            {null, "{}", "UnknownOperationException"},
        };
        for (String[] bad : cases) {
            HttpResponse<String> refused = call(bad[0], bad[1]);
            assertEquals(400, refused.statusCode(), bad[1]);
            assertEquals(bad[2], field(refused.body(), "__type"), bad[1] + " -> " + refused.body());
            assertTrue(field(refused.body(), "message").endsWith("."), refused.body());
        }
    }

    @Test
    void bodiesAndDocumentsOverKmsLimitsAreRefused() throws Exception {
        String blob = encrypt("s3cret");
        byte[] document = new byte[262_145];
        HttpResponse<String> large = call("TrentService.Decrypt", decryptBody(blob, document));
        assertEquals(400, large.statusCode());
        assertEquals("ValidationException", field(large.body(), "__type"));
        assertTrue(field(large.body(), "message").startsWith("AttestationDocument must be 1 to 262144 bytes"),
                large.body());
        String huge = "{\"CiphertextBlob\":\"" + "A".repeat(KmsJsonServer.MAX_BODY) + "\"}";
        HttpResponse<String> refused = call("TrentService.Decrypt", huge);
        assertEquals(400, refused.statusCode());
        assertEquals("ValidationException", field(refused.body(), "__type"));
        assertTrue(field(refused.body(), "message").startsWith("The request body is over"), refused.body());
    }

    @Test
    void anAes128KeySpecGivesSixteenBytes() throws Exception {
        String recipient = ",\"Recipient\":{\"AttestationDocument\":\"" + BASE64.encodeToString(enclave.document())
                + "\",\"KeyEncryptionAlgorithm\":\"RSAES_OAEP_SHA_256\"}}";
        HttpResponse<String> dataKey = call("TrentService.GenerateDataKey", "{\"KeyId\":\"alias/app\","
                + "\"KeySpec\":\"AES_128\"" + recipient);
        assertEquals(200, dataKey.statusCode(), dataKey.body());
        assertEquals(16, Enclave.KEY.open(Base64.getDecoder().decode(field(dataKey.body(),
                "CiphertextForRecipient"))).length);
    }

    @Test
    void itListensOnLoopbackOnly() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> KmsJsonServer.start(
                EmulatedKms.builder(enclave.root()).build(), new InetSocketAddress("0.0.0.0", 0), line -> { }));
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
    }
}
