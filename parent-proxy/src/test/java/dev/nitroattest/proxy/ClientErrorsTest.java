package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.testing.Json;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every mistake a client can make gets its status and one JSON sentence, and never reaches the enclave. */
@Timeout(60)
class ClientErrorsTest {
    private static TestAgent agent;
    private static RunningProxy proxy;
    /** The attestations the agent had made when the test began. */
    private int attestationsBefore;

    @BeforeAll
    static void start() throws Exception {
        agent = TestAgent.start();
        proxy = RunningProxy.inFrontOf(agent);
    }

    @BeforeEach
    void countAttestations() {
        attestationsBefore = agent.nsm().attestations();
    }

    @AfterAll
    static void stop() {
        proxy.close();
        agent.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "\"nonce\"", "{\"nonce\": \"AA==\"", "{\"nonce\": \"AA==\"} {}",
        "{\"nonse\": \"AA==\"}", "{\"nonce\": 12}", "{\"nonce\": [\"AA==\"]}", "{\"nonce\": \"AA==\", \"nonce\": null}",
        "{\"user_data\": {}}"})
    void badJsonIs400(String body) throws Exception {
        assertError(proxy.attest(body), 400, "BAD_JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%%", "AAA*", "AQID-_"})
    void badBase64Is400(String nonce) throws Exception {
        assertError(proxy.attest("{\"nonce\": \"" + nonce + "\"}"), 400, "BAD_BASE64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonce", "user_data", "public_key"})
    void aFieldOver1024BytesIs400(String field) throws Exception {
        String oversize = Base64.getEncoder().encodeToString(new byte[1025]);
        HttpResponse<byte[]> response = proxy.attest("{\"" + field + "\": \"" + oversize + "\"}");
        Map<String, Object> error = assertError(response, 400, "FIELD_TOO_LARGE");
        assertTrue(((String) error.get("message")).contains("1025 bytes"), error.toString());
    }

    @Test
    void aBodyOver16KibIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] large = ("{\"nonce\": \"" + "A".repeat(17 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        assertError(proxy.post("/v1/attestation", large, "application/json"), 413, "BODY_TOO_LARGE");

        String chunked = rawExchange("POST /v1/attestation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunk("{\"nonce\": \"")
                + chunk("A".repeat(9000)) + chunk("A".repeat(9000)) + chunk("\"}") + "0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 413 "), chunked);
        assertTrue(chunked.contains("\"error\":\"BODY_TOO_LARGE\""), chunked);
        assertNothingReachedTheEnclave();
    }

    @Test
    void aBodyOfExactly16KibIsReadAndJudgedOnItsContent() throws Exception {
        String prefix = "{\"nonce\": \"AA==\"}";
        byte[] body = (prefix + " ".repeat(16 * 1024 - prefix.length())).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<byte[]> response = proxy.post("/v1/attestation", body, "application/json");
        assertEquals(200, response.statusCode(), RunningProxy.text(response));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/cbor",
        "application/json; charset=iso-8859-1", "application/jsonx"})
    void aWrongContentTypeIs415(String contentType) throws Exception {
        HttpResponse<byte[]> response = proxy.post("/v1/attestation", "{}".getBytes(StandardCharsets.US_ASCII),
                contentType);
        Map<String, Object> error = assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertTrue(((String) error.get("message")).contains(contentType), error.toString());
    }

    @Test
    void noContentTypeIs415AndJsonWithUtf8CharsetIsAccepted() throws Exception {
        assertError(proxy.post("/v1/attestation", "{}".getBytes(StandardCharsets.US_ASCII), null), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        assertEquals(200, proxy.post("/v1/attestation", "{}".getBytes(StandardCharsets.US_ASCII),
                "Application/JSON; charset=\"UTF-8\"").statusCode());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithAllow() throws Exception {
        assertError(proxy.get("/v1/attestations"), 404, "NOT_FOUND");
        assertError(proxy.get("/"), 404, "NOT_FOUND");
        HttpResponse<byte[]> getAttestation = proxy.get("/v1/attestation");
        assertError(getAttestation, 405, "METHOD_NOT_ALLOWED");
        assertEquals("POST", getAttestation.headers().firstValue("Allow").orElseThrow());
        assertError(proxy.post("/healthz", new byte[0], null), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void malformedHttpGetsAJsonErrorWithoutAStackTrace() throws Exception {
        String answer = rawExchange("GET /healthz HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("\"error\":\"BAD_REQUEST\""), answer);
        assertFalse(answer.contains("Exception"), answer);
        assertNothingReachedTheEnclave();
    }

    @Test
    void theRejectedRequestsAreLoggedWithTheirStatusAndCode() throws Exception {
        proxy.attest("{\"nonse\": null}");
        assertTrue(proxy.log().stream().anyMatch(line -> line.startsWith("attestation 400 BAD_JSON: ")),
                proxy.log().toString());
    }

    /** Asserts the error, and that the request never reached the enclave. */
    private Map<String, Object> assertError(HttpResponse<byte[]> response, int status, String code) {
        assertNothingReachedTheEnclave();
        assertEquals(status, response.statusCode(), RunningProxy.text(response));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        Map<String, Object> error = Json.object(response.body());
        assertEquals(code, error.get("error"), error.toString());
        String message = (String) error.get("message");
        assertTrue(message.endsWith(".") && !message.contains("\n") && !message.contains("Exception"), message);
        assertEquals(2, error.size(), error.toString());
        return error;
    }

    private void assertNothingReachedTheEnclave() {
        assertEquals(attestationsBefore, agent.nsm().attestations(), "a refused request reached the enclave");
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    /** Sends raw bytes and reads the answer until the proxy closes the connection. */
    private static String rawExchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int read;
            try {
                while ((read = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, read);
                }
            } catch (java.net.SocketException e) {
                // The proxy may reset a connection whose body it stopped reading; what arrived is the answer.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
