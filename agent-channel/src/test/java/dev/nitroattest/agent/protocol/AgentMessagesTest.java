package dev.nitroattest.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.CborWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentMessagesTest {

    static Stream<AgentRequest> everyRequest() {
        return Stream.of(
                AgentRequest.Attestation.of(new byte[] {1, 2}),
                AgentRequest.Attestation.of(new byte[0]),
                AgentRequest.Attestation.of(null),
                new AgentRequest.DescribePcr(16),
                new AgentRequest.DescribeNsm(),
                new AgentRequest.Health());
    }

    @ParameterizedTest
    @MethodSource("everyRequest")
    void requestsRoundTrip(AgentRequest request) throws Exception {
        assertEquals(request, AgentMessages.decodeRequest(AgentMessages.encodeRequest(request)));
    }

    @Test
    void anAttestationRequestWritesOnlyThePresentFields() {
        assertEquals("a2626f706b6174746573746174696f6e656e6f6e63654101",
                HexFormat.of().formatHex(AgentMessages.encodeRequest(AgentRequest.Attestation.of(new byte[] {1}))));
    }

    static Stream<AgentResponse> everyResponse() {
        return Stream.of(
                new AgentResponse.Document(Bytes.of(new byte[5000])),
                new AgentResponse.Pcr(3, true, Bytes.of(new byte[48])),
                new AgentResponse.NsmInfo("i-1-enc2", 32, List.of(0, 1, 15), "SHA384", "1.0.0"),
                new AgentResponse.Healthy(),
                new AgentResponse.Failure(AgentErrorCode.NSM_ERROR, "The NSM answered InvalidIndex to DescribePCR."));
    }

    @ParameterizedTest
    @MethodSource("everyResponse")
    void responsesRoundTrip(AgentResponse response) throws Exception {
        assertEquals(response, AgentMessages.decodeResponse(AgentMessages.encodeResponse(response)));
    }

    @Test
    void healthIsAnsweredWithOkAlone() {
        assertEquals("a1626f6bf5", HexFormat.of().formatHex(AgentMessages.encodeResponse(new AgentResponse.Healthy())));
    }

    @Test
    void aByteAfterAnyRequestOrResponseIsRefused() {
        // One rule for every message a peer sends (CborDecoder.readMessage): the map, and nothing after it.
        everyRequest().forEach(request -> {
            AgentProtocolException e = assertThrows(AgentProtocolException.class,
                    () -> AgentMessages.decodeRequest(withAByteAfter(AgentMessages.encodeRequest(request))));
            assertEquals(AgentErrorCode.BAD_REQUEST, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("1 trailing byte(s) after the data item"), e.getMessage());
        });
        everyResponse().forEach(response -> {
            AgentProtocolException e = assertThrows(AgentProtocolException.class,
                    () -> AgentMessages.decodeResponse(withAByteAfter(AgentMessages.encodeResponse(response))));
            assertEquals(AgentErrorCode.INTERNAL, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("1 trailing byte(s) after the data item"), e.getMessage());
        });
    }

    private static byte[] withAByteAfter(byte[] message) {
        return java.util.Arrays.copyOf(message, message.length + 1);
    }

    @Test
    void clientsSkipResponseKeysTheyDoNotKnow() throws Exception {
        byte[] body = new CborWriter().rawHex("a3").text("ok").rawHex("f5").text("later").rawHex("a1").text("x").rawHex("80")
                .text("document").rawHex("4101").toByteArray();
        assertEquals(new AgentResponse.Document(Bytes.of(new byte[] {1})), AgentMessages.decodeResponse(body));
    }

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                Arguments.of("not CBOR", "68656c6c6f", AgentErrorCode.BAD_REQUEST),
                Arguments.of("an array", new CborWriter().rawHex("81").text("op").toHex(), AgentErrorCode.BAD_REQUEST),
                Arguments.of("an indefinite map", new CborWriter().rawHex("bf").text("op").text("health").rawHex("ff").toHex(),
                        AgentErrorCode.BAD_REQUEST),
                Arguments.of("an integer key", new CborWriter().rawHex("a2").text("op").text("health").rawHex("01f6").toHex(),
                        AgentErrorCode.BAD_REQUEST),
                Arguments.of("a key twice", new CborWriter().rawHex("a2").text("op").text("health").text("op").text("health")
                        .toHex(), AgentErrorCode.BAD_REQUEST),
                Arguments.of("bytes after the map", new CborWriter().rawHex("a1").text("op").text("health").rawHex("00").toHex(),
                        AgentErrorCode.BAD_REQUEST),
                Arguments.of("no op", new CborWriter().rawHex("a1").text("nonce").rawHex("4101").toHex(),
                        AgentErrorCode.BAD_REQUEST),
                Arguments.of("an op that is not text", new CborWriter().rawHex("a1").text("op").rawHex("01").toHex(),
                        AgentErrorCode.BAD_REQUEST),
                Arguments.of("an unknown op", new CborWriter().rawHex("a1").text("op").text("format-disk").toHex(),
                        AgentErrorCode.UNKNOWN_OP),
                Arguments.of("extending over the network", new CborWriter().rawHex("a3").text("op").text("extend-pcr")
                        .text("index").rawHex("10").text("data").rawHex("4101").toHex(), AgentErrorCode.UNKNOWN_OP),
                Arguments.of("locking over the network", new CborWriter().rawHex("a2").text("op").text("lock-pcrs")
                        .text("range").rawHex("1820").toHex(), AgentErrorCode.UNKNOWN_OP),
                Arguments.of("a nonce that is text", new CborWriter().rawHex("a2").text("op").text("attestation")
                        .text("nonce").text("abc").toHex(), AgentErrorCode.BAD_REQUEST),
                Arguments.of("a nonce that is a map", new CborWriter().rawHex("a2").text("op").text("attestation")
                        .text("nonce").rawHex("a0").toHex(), AgentErrorCode.BAD_REQUEST),
                Arguments.of("a nonce of 1025 bytes", new CborWriter().rawHex("a2").text("op").text("attestation")
                        .text("nonce").rawHex("590401" + "00".repeat(1025)).toHex(), AgentErrorCode.TOO_LARGE),
                Arguments.of("an unknown key", new CborWriter().rawHex("a2").text("op").text("health").text("verbose")
                        .rawHex("f5").toHex(), AgentErrorCode.BAD_REQUEST),
                Arguments.of("an index that is text", new CborWriter().rawHex("a2").text("op").text("describe-pcr")
                        .text("index").text("1").toHex(), AgentErrorCode.BAD_REQUEST),
                Arguments.of("no index", new CborWriter().rawHex("a1").text("op").text("describe-pcr").toHex(),
                        AgentErrorCode.BAD_REQUEST),
                Arguments.of("an index over 16 bits", new CborWriter().rawHex("a2").text("op").text("describe-pcr")
                        .text("index").rawHex("1a00010000").toHex(), AgentErrorCode.BAD_REQUEST),
                Arguments.of("a negative index", new CborWriter().rawHex("a2").text("op").text("describe-pcr")
                        .text("index").rawHex("20").toHex(), AgentErrorCode.BAD_REQUEST),
                Arguments.of("a tagged value", new CborWriter().rawHex("a2").text("op").text("attestation")
                        .text("nonce").rawHex("c24101").toHex(), AgentErrorCode.BAD_REQUEST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void hostileRequestsGetTheRightCode(String what, String hex, AgentErrorCode code) {
        AgentProtocolException e = assertThrows(AgentProtocolException.class,
                () -> AgentMessages.decodeRequest(HexFormat.of().parseHex(hex)));
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void nullFieldsCountAsAbsent() throws Exception {
        byte[] body = new CborWriter().rawHex("a2").text("op").text("attestation").text("nonce").rawHex("f6").toByteArray();
        assertEquals(new AgentRequest.Attestation(Optional.empty()), AgentMessages.decodeRequest(body));
    }

    /** Issue 19: a caller who chooses the document's public key or user data could have KMS release to itself. */
    static Stream<Arguments> callerBindings() {
        return Stream.of(
                Arguments.of("a public key", new CborWriter().rawHex("a3").text("op").text("attestation")
                        .text("nonce").rawHex("4101").text("public_key").rawHex("4102").toHex(), "public_key"),
                Arguments.of("user data", new CborWriter().rawHex("a2").text("op").text("attestation")
                        .text("user_data").rawHex("4103").toHex(), "user_data"),
                Arguments.of("both", new CborWriter().rawHex("a3").text("op").text("attestation")
                        .text("user_data").rawHex("40").text("public_key").rawHex("40").toHex(), "public_key"),
                Arguments.of("a null public key", new CborWriter().rawHex("a2").text("op").text("attestation")
                        .text("public_key").rawHex("f6").toHex(), "public_key"),
                Arguments.of("user data that is text", new CborWriter().rawHex("a2").text("op").text("attestation")
                        .text("user_data").text("mine").toHex(), "user_data"),
                Arguments.of("a public key of 1025 bytes", new CborWriter().rawHex("a2").text("op").text("attestation")
                        .text("public_key").rawHex("590401" + "00".repeat(1025)).toHex(), "public_key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callerBindings")
    void anAttestationRequestCarryingAPublicKeyOrUserDataIsRefusedWithItsOwnCode(String what, String hex,
            String field) {
        AgentProtocolException e = assertThrows(AgentProtocolException.class,
                () -> AgentMessages.decodeRequest(HexFormat.of().parseHex(hex)));
        assertEquals(AgentErrorCode.CALLER_BINDING_REFUSED, e.code(), e.getMessage());
        assertEquals("The request carries \"" + field + "\", which only code inside the enclave chooses: send the "
                + "nonce alone, and put context of your own (a request digest) in it.", e.getMessage());
    }

    @Test
    void bothNewCodesSurviveTheWire() throws Exception {
        for (AgentErrorCode code : List.of(AgentErrorCode.CALLER_BINDING_REFUSED, AgentErrorCode.BINDING_UNAVAILABLE)) {
            AgentResponse failure = new AgentResponse.Failure(code, "why");
            assertEquals(failure, AgentMessages.decodeResponse(AgentMessages.encodeResponse(failure)));
        }
    }

    @Test
    void echoedClientTextIsShortened() {
        String op = "x\n".repeat(100);
        byte[] body = new CborWriter().rawHex("a1").text("op").rawHex("78c8").rawHex(HexFormat.of().formatHex(
                op.getBytes(StandardCharsets.US_ASCII))).toByteArray();
        AgentProtocolException e = assertThrows(AgentProtocolException.class, () -> AgentMessages.decodeRequest(body));
        assertEquals("The op \"" + "x\n".repeat(20) + "...\" is not one of attestation, describe-pcr, describe-nsm, "
                + "health.", e.getMessage(), "shortened here; escaped where it leaves the agent");
    }

    @Test
    void anErrorCodeFromALaterAgentIsReportedAsInternalNamingIt() throws Exception {
        byte[] body = new CborWriter().rawHex("a3").text("ok").rawHex("f4").text("error").text("RATE_LIMITED")
                .text("message").text("slow down").toByteArray();
        assertEquals(new AgentResponse.Failure(AgentErrorCode.INTERNAL, "(error code RATE_LIMITED) slow down"),
                AgentMessages.decodeResponse(body));
    }
}
