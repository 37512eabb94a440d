package dev.nitroattest.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.agent.protocol.AgentResponse;
import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.testing.RawAgentClient;
import dev.nitroattest.testkit.CborWriter;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client text cannot break or forge a line of the agent's log. */
@Timeout(60)
class AgentLogTest {
    private static final Pattern LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z enclave-agent: \\P{Cc}*");

    private static String logged(String message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LineLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), "enclave-agent").line(message);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.endsWith(System.lineSeparator()), text);
        String line = text.substring(0, text.length() - System.lineSeparator().length());
        return line.substring(line.indexOf(" enclave-agent: ") + " enclave-agent: ".length());
    }

    @Test
    void controlAndInvisibleCharactersAreEscapedAndTheMessageStaysOneLine() {
        assertEquals("a\\nb\\rc\\x00d\\x1b[31me\\x85f\\u2028g\\u2029h\\u202ei\\u200bj\\tk",
                logged("a\nb\rc\u0000d\u001b[31me\u0085f\u2028g\u2029h\u202ei\u200bj\tk"));
    }

    @Test
    void aBackslashIsDoubledSoThatNoEscapeCanBeFaked() {
        assertEquals("\\\\n is not a newline", logged("\\n is not a newline"));
    }

    @Test
    void printableTextOfAnyScriptIsKept() {
        String text = "op=health peer=vsock:3:1024 é 日本 😀 \"quoted\"";
        assertEquals(text, logged(text));
    }

    @Test
    void aHostileKeyReachesTheAgentsLogAsPartOfOneLine() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        byte[] key = "k\n2026-01-01T00:00:00Z enclave-agent: stopped".getBytes(StandardCharsets.UTF_8);
        String keyHex = "78" + HexFormat.of().toHexDigits((byte) key.length) + HexFormat.of().formatHex(key);
        byte[] body = new CborWriter().rawHex("a3").text("op").text("health")
                .rawHex(keyHex).rawHex("01").rawHex(keyHex).rawHex("02")
                .toByteArray();
        try (NsmClient nsm = new NsmClient(EmulatedNsm.builder().build());
                AgentServer server = AgentServer.start(ListenEndpoint.parse("tcp:127.0.0.1:0"), nsm,
                        AgentSettings.defaults(), LineLog.to(stream, "enclave-agent"))) {
            try (RawAgentClient client = RawAgentClient.tcp(((TcpEndpoint) server.endpoint()).port())) {
                assertInstanceOf(AgentResponse.Failure.class, client.exchange(body));
            }
            // The agent logs after it has answered, so the line may come a moment after the answer.
            for (int attempt = 0; attempt < 100 && !err.toString(StandardCharsets.UTF_8).contains("BAD_REQUEST");
                    attempt++) {
                Thread.sleep(50);
            }
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.stream().allMatch(line -> LINE.matcher(line).matches()), lines.toString());
        List<String> answered = lines.stream().filter(line -> line.contains("BAD_REQUEST")).toList();
        assertEquals(1, answered.size(), lines.toString());
        // The answer's message has the newline escaped already; the log shows that message with its backslash doubled.
        assertTrue(answered.get(0).contains("has the key \"k\\\\n2026-01-01T00:00:00Z enclave-agent: stopped\" "
                + "twice."), answered.get(0));
    }
}
