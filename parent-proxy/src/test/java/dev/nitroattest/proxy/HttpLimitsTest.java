package dev.nitroattest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.proxy.testing.RunningProxy;
import dev.nitroattest.proxy.testing.TestAgent;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What one HTTP client may hold of the proxy: a capped number of connections, and a body sent at a minimum rate. */
@Timeout(60)
class HttpLimitsTest {
    private static final String HEALTH = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    private static TestAgent agent;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = TestAgent.start();
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    /**
     * At the cap, the proxy stops accepting: a connection past it waits in the kernel's backlog, unanswered, until
     * one of the others closes, and is then served.
     */
    @Test
    void pastTheConnectionCapANewConnectionWaitsUntilOneCloses() throws Exception {
        try (RunningProxy proxy = RunningProxy.inFrontOf(agent, settings -> settings.maxHttpConnections(2))) {
            List<Socket> holders = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket holder = new Socket("127.0.0.1", proxy.port());
                    holders.add(holder);
                    // An answered request shows the connection was accepted, and keep-alive holds it open.
                    send(holder, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertTrue(readHead(holder).startsWith("HTTP/1.1 200 "));
                }
                try (Socket waiting = new Socket("127.0.0.1", proxy.port())) {
                    send(waiting, HEALTH);
                    waiting.setSoTimeout(1_000);
                    assertThrows(SocketTimeoutException.class, () -> waiting.getInputStream().read(),
                            "a connection past the cap was served");
                    holders.remove(0).close();
                    waiting.setSoTimeout(20_000);
                    String answer = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
                }
            } finally {
                for (Socket holder : holders) {
                    holder.close();
                }
            }
        }
    }

    @Test
    void theConnectionCapIsChecked() {
        assertEquals("--max-http-connections must be between 1 and 16384; 0 was given.",
                assertThrows(IllegalArgumentException.class, () -> ProxySettings.builder(agent.endpoint(),
                        agent.verifier()).maxHttpConnections(0).build()).getMessage());
    }

    /** A body trickled a byte at a time, far under the minimum rate, is refused once the grace period is over. */
    @Test
    void aBodyTrickledUnderTheMinimumRateIs408() throws Exception {
        try (RunningProxy proxy = RunningProxy.inFrontOf(agent); Socket client = new Socket("127.0.0.1",
                proxy.port())) {
            String body = "{\"nonce\": \"AQIDBAUGBwg=\"}";
            send(client, "POST /v1/attestation HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            InputStream answer = client.getInputStream();
            // Under the rate, by construction: a byte every 400 ms is 2.5 bytes a second. The first byte sent after
            // the grace period is refused. Between bytes the client waits for the answer rather than sleeping, and
            // stops sending once it begins: a byte sent after the proxy has answered and closed is answered with a
            // reset, which can cost the client the answer it has not read yet.
            int first = -1;
            for (int i = 0; i < body.length() && first < 0; i++) {
                send(client, body.substring(i, i + 1));
                client.setSoTimeout(400);
                try {
                    first = answer.read();
                    assertTrue(first >= 0, "the proxy closed the connection without answering");
                } catch (SocketTimeoutException notYet) {
                    // No answer within 400 ms: the body goes on.
                }
            }
            assertTrue(first >= 0, "the whole body was sent a byte every 400 ms and the proxy did not refuse it");
            client.setSoTimeout(30_000);
            String text = (char) first + new String(answer.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 408 "), text);
            assertTrue(text.contains("\"error\":\"REQUEST_TOO_SLOW\""), text);
            assertTrue(proxy.log().stream().anyMatch(line -> line.contains("REQUEST_TOO_SLOW")),
                    proxy.log().toString());
        }
    }

    private static void send(Socket socket, String text) throws java.io.IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The status line and headers of one answer, and its body by Content-Length. */
    private static String readHead(Socket socket) throws java.io.IOException {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        String text = head.toString();
        int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length: ");
        if (at >= 0) {
            int end = text.indexOf("\r\n", at);
            in.readNBytes(Integer.parseInt(text.substring(at + 16, end).trim()));
        }
        return text;
    }
}
