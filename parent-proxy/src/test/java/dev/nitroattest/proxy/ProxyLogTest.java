package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.text.LineLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyLogTest {

    @Test
    void textFromTheAgentOrAClientCannotBreakOrForgeALine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LineLog.to(stream, "parent-proxy").line("attestation 502 (NSM_ERROR: x\n2026-01-01T00:00:00Z parent-proxy: "
                + "forged\u001b[2K\u2028)");
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" parent-proxy: attestation 502 (NSM_ERROR: x\\n2026-01-01T00:00:00Z "
                + "parent-proxy: forged\\x1b[2K\\u2028)"), lines.get(0));
    }
}
