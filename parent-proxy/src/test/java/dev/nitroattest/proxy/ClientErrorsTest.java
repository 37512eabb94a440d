package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.testing.Json;
import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.TestAgent;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
    /** Long enough that a proxy answering before the body is read would answer while the client still sends. */
    private static final long SLOW_CLIENT_PAUSE_MILLIS = 20;
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
        "{\"nonse\": \"AA==\"}", "{\"nonce\": 12}", "{\"nonce\": [\"AA==\"]}",
        "{\"nonce\": \"AA==\", \"nonce\": null}"})
    void badJsonIs400(String body) throws Exception {
        assertError(proxy.attest(body), 400, "BAD_JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%%%%", "AAA*", "AQID-_"})
    void badBase64Is400(String nonce) throws Exception {
        assertError(proxy.attest("{\"nonce\": \"" + nonce + "\"}"), 400, "BAD_BASE64");
    }

    @Test
    void aNonceOver1024BytesIs400() throws Exception {
        String oversize = Base64.getEncoder().encodeToString(new byte[1025]);
        HttpResponse<byte[]> response = proxy.attest("{\"nonce\": \"" + oversize + "\"}");
        Map<String, Object> error = assertError(response, 400, "FIELD_TOO_LARGE");
        assertTrue(((String) error.get("message")).contains("1025 bytes"), error.toString());
    }

    /**
     * Issue 19: the parent's own RSA key in a genuine document would open what KMS releases to the enclave. Refused
     * before the enclave is asked, whatever the value, with one sentence that says where a client's context goes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"public_key", "user_data"})
    void aPublicKeyOrUserDataChosenByTheClientIs400AndNeverReachesTheEnclave(String field) throws Exception {
        for (String value : List.of("\"" + Base64.getEncoder().encodeToString(new byte[294]) + "\"", "null", "\"\"")) {
            HttpResponse<byte[]> response = proxy.attest("{\"nonce\": \"AQID\", \"" + field + "\": " + value + "}");
            Map<String, Object> error = assertError(response, 400, "CALLER_BINDING_REFUSED");
            assertEquals("The field \"" + field + "\" is refused: only code inside the enclave chooses the public "
                    + "key and user data its documents carry, so send the nonce alone and put context of your own in "
                    + "it.", error.get("message"));
        }
    }

    @Test
    void aBodyOver16KibIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] large = ("{\"nonce\": \"" + "A".repeat(17 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        // Many times: the proxy reads the refused body before answering, so the client always reads its 413.
        for (int i = 0; i < 20; i++) {
            assertError(proxy.post("/v1/attestation", large, "application/json"), 413, "BODY_TOO_LARGE");
        }

        String chunked = rawExchange(List.of("POST /v1/attestation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunk("{\"nonce\": \"")
                + chunk("A".repeat(9000)) + chunk("A".repeat(9000)) + chunk("\"}") + "0\r\n\r\n"));
        assertTrue(chunked.startsWith("HTTP/1.1 413 "), chunked);
        assertTrue(chunked.contains("\"error\":\"BODY_TOO_LARGE\""), chunked);
        assertNothingReachedTheEnclave();
    }

    @Test
    void aClientThatSendsItsOversizedBodySlowlyStillReadsTheRefusal() throws Exception {
        String body = "{\"nonce\": \"" + "A".repeat(20 * 1024) + "\"}";
        List<String> declared = new ArrayList<>();
        declared.add("POST /v1/attestation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n");
        List<String> chunked = new ArrayList<>();
        chunked.add("POST /v1/attestation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int offset = 0; offset < body.length(); offset += 1024) {
            String piece = body.substring(offset, Math.min(body.length(), offset + 1024));
            declared.add(piece);
            chunked.add(chunk(piece));
        }
        chunked.add("0\r\n\r\n");
        for (List<String> pieces : List.of(declared, chunked)) {
            String answer = rawExchange(pieces);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("\"error\":\"BODY_TOO_LARGE\""), answer);
        }
        assertNothingReachedTheEnclave();
    }

    @Test
    void aBodyDeclaredOverTheDiscardBoundIsRefusedWithoutBeingRead() throws Exception {
        String answer = rawExchange(List.of("POST /v1/attestation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (2 * 1024 * 1024) + "\r\n\r\n"));
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
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
        String answer = rawExchange(List.of("GET /healthz HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n"));
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

    /**
     * Sends the pieces one after the other, pausing after each but the last as a slow client would, then reads the
     * answer until the proxy closes the connection. A reset connection fails the test: a client must get its answer.
     */
    private static String rawExchange(List<String> pieces) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < pieces.size(); i++) {
                out.write(pieces.get(i).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (i < pieces.size() - 1) {
                    Thread.sleep(SLOW_CLIENT_PAUSE_MILLIS);
                }
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
