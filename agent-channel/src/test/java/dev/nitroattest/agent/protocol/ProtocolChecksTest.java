package dev.nitroattest.agent.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.bytes.Bytes;
import dev.nitroattest.testkit.CborWriter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent protocol's checks one by one, each pinned by its limit (the value on each side of it) and by the words
 * of its refusal, so that a check that fired for another reason, or not at all, fails here.
 */
@DisplayName("Agent protocol: each check at its limit and in its words")
class ProtocolChecksTest {
    private static final HexFormat HEX = HexFormat.of();

    @Nested
    @DisplayName("frames")
    class FrameChecks {
        @ParameterizedTest(name = "{0} bytes: {1}")
        @CsvSource({"1, 00000001", "258, 00000102", "65535, 0000ffff", "65536, 00010000"})
        @DisplayName("the length is written big-endian in four bytes")
        void lengthIsBigEndian(int length, String header) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Frames.write(out, new byte[length]);
            assertEquals(header, HEX.formatHex(out.toByteArray(), 0, Frames.HEADER_LENGTH));
            assertEquals(Frames.HEADER_LENGTH + length, out.size());
            assertEquals(length, Frames.read(new ByteArrayInputStream(out.toByteArray())).length);
        }

        @Test
        @DisplayName("a written frame is flushed: a buffered stream passes it on at once")
        void writeFlushes() throws Exception {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            Frames.write(new BufferedOutputStream(sink, 1 << 16), new byte[] {1});
            assertEquals("0000000101", HEX.formatHex(sink.toByteArray()));
        }

        @Test
        @DisplayName("a frame is read in pieces when the stream gives it in pieces")
        void readsAcrossShortReads() throws Exception {
            byte[] frame = HEX.parseHex("00000003010203");
            ByteArrayInputStream trickle = new ByteArrayInputStream(frame) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, 1));
                }
            };
            assertArrayEquals(new byte[] {1, 2, 3}, Frames.read(trickle));
        }
    }

    @Nested
    @DisplayName("requests")
    class Requests {
        @Test
        @DisplayName("an attestation request counts its present fields in the map's head")
        void attestationRequestCountsItsFields() throws Exception {
            AgentRequest withNonce = AgentRequest.Attestation.of(new byte[] {1});
            assertEquals("a2626f706b6174746573746174696f6e656e6f6e63654101",
                    HEX.formatHex(AgentMessages.encodeRequest(withNonce)));
            assertEquals(withNonce, AgentMessages.decodeRequest(AgentMessages.encodeRequest(withNonce)));
            AgentRequest withoutNonce = AgentRequest.Attestation.of(null);
            assertEquals("a1626f706b6174746573746174696f6e", HEX.formatHex(AgentMessages.encodeRequest(withoutNonce)));
            assertEquals(withoutNonce, AgentMessages.decodeRequest(AgentMessages.encodeRequest(withoutNonce)));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "attestation, 'The key \"x\" is not part of a attestation request.'",
            "describe-pcr, 'The key \"x\" is not part of a describe-pcr request.'",
            "describe-nsm, 'The key \"x\" is not part of a describe-nsm request.'",
            "health, 'The key \"x\" is not part of a health request.'"})
        @DisplayName("every op refuses a key it does not have")
        void everyOpRefusesUnknownKeys(String op, String message) {
            CborWriter body = new CborWriter().startMap(op.equals("describe-pcr") ? 3 : 2).text("op").text(op);
            if (op.equals("describe-pcr")) {
                body.text("index").uint(1);
            }
            assertBadRequest(message, body.text("x").uint(1).toByteArray());
        }

        @Test
        @DisplayName("no op and a null op are told apart")
        void missingAndNullOp() {
            assertBadRequest("The request has no \"op\".", new CborWriter().startMap(1).text("nonce").nul()
                    .toByteArray());
            assertBadRequest("The \"op\" must be a text string; it is null.", new CborWriter().startMap(1).text("op")
                    .nul().toByteArray());
        }

        @ParameterizedTest(name = "op {0}")
        @CsvSource({"4101, a byte string", "01, an unsigned integer", "80, an array", "a0, a map", "f5, a boolean"})
        @DisplayName("an op of another type is refused, naming the type")
        void opOfAnotherType(String value, String type) {
            assertBadRequest("The \"op\" must be a text string; it is " + type + ".",
                    new CborWriter().startMap(1).text("op").rawHex(value).toByteArray());
        }

        @ParameterizedTest(name = "nonce {0}")
        @CsvSource({"6161, a text string", "01, an unsigned integer", "a10102, a map", "820102, an array"})
        @DisplayName("a nonce of another type is refused, naming the type, and the rest of the request is still read")
        void nonceOfAnotherType(String value, String type) {
            assertBadRequest("The \"nonce\" must be a byte string; it is " + type + ".",
                    new CborWriter().startMap(2).text("nonce").rawHex(value).text("op").text("attestation")
                            .toByteArray());
        }

        @Test
        @DisplayName("a nonce of exactly 1024 bytes is accepted, 1025 refused")
        void nonceSizeLimit() throws Exception {
            byte[] body = new CborWriter().startMap(2).text("op").text("attestation").text("nonce")
                    .bytes(new byte[1024]).toByteArray();
            assertEquals(Optional.of(Bytes.of(new byte[1024])),
                    ((AgentRequest.Attestation) AgentMessages.decodeRequest(body)).nonce());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new AgentRequest.Attestation(Optional.of(Bytes.of(new byte[1025]))));
            assertEquals("The nonce is 1025 bytes; at most 1024 are allowed.", e.getMessage());
        }

        @Test
        @DisplayName("PCR indexes 0 and 65535 are accepted, -1 and 65536 refused, and no index is said so")
        void pcrIndexLimits() throws Exception {
            assertEquals(new AgentRequest.DescribePcr(65535), AgentMessages.decodeRequest(new CborWriter().startMap(2)
                    .text("op").text("describe-pcr").text("index").uint(65535).toByteArray()));
            assertEquals(0, new AgentRequest.DescribePcr(0).index());
            assertThrows(IllegalArgumentException.class, () -> new AgentRequest.DescribePcr(-1));
            assertThrows(IllegalArgumentException.class, () -> new AgentRequest.DescribePcr(65536));
            assertBadRequest("The \"index\" 65536 is not a PCR index (they are below 65536).", new CborWriter()
                    .startMap(2).text("op").text("describe-pcr").text("index").uint(65536).toByteArray());
            assertBadRequest("A describe-pcr request needs an \"index\".", new CborWriter().startMap(1).text("op")
                    .text("describe-pcr").toByteArray());
        }

        @ParameterizedTest(name = "{0} characters")
        @ValueSource(ints = {39, 40, 41})
        @DisplayName("client text is echoed whole up to 40 characters, shortened after")
        void echoLimit(int length) {
            String op = "q".repeat(length);
            String echoed = length <= 40 ? op : "q".repeat(40) + "...";
            AgentProtocolException e = assertThrows(AgentProtocolException.class, () -> AgentMessages.decodeRequest(
                    new CborWriter().startMap(1).text("op").text(op).toByteArray()));
            assertEquals("The op \"" + echoed + "\" is not one of attestation, describe-pcr, describe-nsm, health.",
                    e.getMessage());
        }

        private static void assertBadRequest(String message, byte[] body) {
            AgentProtocolException e = assertThrows(AgentProtocolException.class,
                    () -> AgentMessages.decodeRequest(body));
            assertEquals(AgentErrorCode.BAD_REQUEST, e.code());
            assertEquals(message, e.getMessage());
        }
    }

    @Nested
    @DisplayName("responses")
    class Responses {
        @Test
        @DisplayName("a response without ok, or a failure without its message, is INTERNAL, saying which is missing")
        void requiredFields() {
            assertInternal("has no \"ok\"", new CborWriter().startMap(0).toByteArray());
            assertInternal("has no \"message\"", new CborWriter().startMap(2).text("ok").bool(false).text("error")
                    .text("BAD_REQUEST").toByteArray());
            assertInternal("has no \"locked\"", new CborWriter().startMap(3).text("ok").bool(true).text("index")
                    .uint(1).text("data").bytes(new byte[48]).toByteArray());
        }

        @Test
        @DisplayName("a PCR index of 65535 is read, 65536 refused")
        void pcrIndexLimit() throws Exception {
            assertEquals(65535, ((AgentResponse.Pcr) AgentMessages.decodeResponse(pcr(65535))).index());
            assertInternal("The index 65536 is out of range", pcr(65536));
        }

        @Test
        @DisplayName("locked_pcrs: 1024 entries are read, 1025 or an indefinite array refused")
        void lockedPcrsLimits() throws Exception {
            assertEquals(1024, ((AgentResponse.NsmInfo) AgentMessages.decodeResponse(nsmInfo(1024, false)))
                    .lockedPcrs().size());
            assertInternal("locked_pcrs has more than 1024 entries", nsmInfo(1025, false));
            assertInternal("locked_pcrs has an indefinite length", nsmInfo(2, true));
            assertInternal("The locked_pcrs entry 65536 is out of range", new CborWriter().startMap(6).text("ok")
                    .bool(true).text("module_id").text("m").text("max_pcrs").uint(32).text("locked_pcrs")
                    .startArray(1).uint(65536).text("digest").text("SHA384").text("version").text("1")
                    .toByteArray());
        }

        private static byte[] pcr(long index) {
            return new CborWriter().startMap(4).text("ok").bool(true).text("index").uint(index).text("locked")
                    .bool(true).text("data").bytes(new byte[48]).toByteArray();
        }

        private static byte[] nsmInfo(int locked, boolean indefinite) {
            CborWriter writer = new CborWriter().startMap(6).text("ok").bool(true).text("module_id").text("m")
                    .text("max_pcrs").uint(32).text("locked_pcrs");
            if (indefinite) {
                writer.startIndefiniteArray();
            } else {
                writer.startArray(locked);
            }
            for (int i = 0; i < locked; i++) {
                writer.uint(i % 32);
            }
            if (indefinite) {
                writer.breakIndefinite();
            }
            return writer.text("digest").text("SHA384").text("version").text("1").toByteArray();
        }

        private static void assertInternal(String words, byte[] body) {
            AgentProtocolException e = assertThrows(AgentProtocolException.class,
                    () -> AgentMessages.decodeResponse(body));
            assertEquals(AgentErrorCode.INTERNAL, e.code());
            assertTrue(e.getMessage().contains(words), e.getMessage());
        }
    }
}
