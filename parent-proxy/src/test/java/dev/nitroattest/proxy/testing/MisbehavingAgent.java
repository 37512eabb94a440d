package dev.nitroattest.proxy.testing;

import dev.nitroattest.agent.protocol.AgentProtocolException;
import dev.nitroattest.agent.protocol.Frames;
import dev.nitroattest.vsock.TcpEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent endpoint on 127.0.0.1 for the proxy to connect to. Each connection behaves as the mode says when it is
 * accepted: passed through to a real agent, or misbehaving in one of the ways a broken enclave can. It counts the
 * connections it accepted and those the proxy closed, and stops every thread it started when closed.
 */
public final class MisbehavingAgent implements AutoCloseable {
    /** A frame length the trickled answer announces: at one byte per {@link #TRICKLE_INTERVAL}, about an hour. */
    private static final int TRICKLED_LENGTH = Frames.MAX_LENGTH;
    private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(50);
    /** Not CBOR: a frame the agent protocol cannot decode. */
    private static final byte[] BROKEN_ANSWER = "not a CBOR answer".getBytes(StandardCharsets.US_ASCII);

    /** How the next connections behave. */
    public enum Mode {
        /** Passed through, both ways, to the real agent. */
        PASS,
        /** Reads requests and answers each with one byte at a time, every 50 ms, of a frame that never ends. */
        TRICKLE,
        /** Reads requests and never answers. */
        MUTE,
        /** Answers every request with a frame that breaks the agent protocol. */
        BROKEN
    }

    private final TcpEndpoint agent;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByProxy = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;

    /** Listens on a free port, passing connections to this agent when in {@link Mode#PASS}. */
    public MisbehavingAgent(TcpEndpoint agent) throws IOException {
        this.agent = agent;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "misbehaving-agent");
    }

    public TcpEndpoint endpoint() {
        return new TcpEndpoint("127.0.0.1", server.getLocalPort());
    }

    /** How connections accepted from now on behave. */
    public void mode(Mode mode) {
        this.mode = mode;
    }

    public int accepted() {
        return accepted.get();
    }

    /**
     * Waits until the proxy has closed this many connections (at most the given time); true if it has.
     */
    public boolean awaitClosedByProxy(int count, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (closedByProxy.get() < count) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket proxy;
            try {
                proxy = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            open.add(proxy);
            Mode now = mode;
            daemon(() -> serve(proxy, now), "misbehaving-agent-" + now);
        }
    }

    private void serve(Socket proxy, Mode now) {
        try (proxy) {
            switch (now) {
                case PASS -> pass(proxy);
                case TRICKLE -> answerEachRequest(proxy, this::trickle);
                case MUTE -> answerEachRequest(proxy, out -> { });
                case BROKEN -> answerEachRequest(proxy, out -> Frames.write(out, BROKEN_ANSWER));
            }
        } catch (IOException e) {
            // The proxy or the test ended the connection; nothing is left to serve.
        } finally {
            open.remove(proxy);
        }
    }

    @FunctionalInterface
    private interface Answer {
        void writeTo(OutputStream out) throws IOException, InterruptedException;
    }

    /** Reads request frames until the proxy closes the connection, answering each; counts that close. */
    private void answerEachRequest(Socket proxy, Answer answer) throws IOException {
        InputStream in = proxy.getInputStream();
        OutputStream out = proxy.getOutputStream();
        while (true) {
            byte[] request;
            try {
                request = Frames.read(in);
            } catch (IOException | AgentProtocolException e) {
                closedByProxy.incrementAndGet();
                return;
            }
            if (request == null) {
                closedByProxy.incrementAndGet();
                return;
            }
            // The answer runs on its own thread, so that the proxy closing the connection is seen while it runs;
            // closing the socket then ends the answer too.
            daemon(() -> {
                try {
                    answer.writeTo(out);
                } catch (IOException | InterruptedException e) {
                    // The connection was closed under the answer.
                }
            }, "misbehaving-agent-answer");
        }
    }

    private void trickle(OutputStream out) throws IOException, InterruptedException {
        out.write(new byte[] {(byte) (TRICKLED_LENGTH >>> 24), (byte) (TRICKLED_LENGTH >>> 16),
            (byte) (TRICKLED_LENGTH >>> 8), (byte) TRICKLED_LENGTH});
        out.flush();
        for (int i = 0; i < TRICKLED_LENGTH; i++) {
            Thread.sleep(TRICKLE_INTERVAL.toMillis());
            out.write(0xa0);
            out.flush();
        }
    }

    private void pass(Socket proxy) throws IOException {
        Socket real = new Socket(InetAddress.getByName(agent.host()), agent.port());
        try {
            daemon(() -> copy(real, proxy), "misbehaving-agent-back");
            copy(proxy, real);
        } finally {
            // Ends the copy back as well.
            real.close();
            closedByProxy.incrementAndGet();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // One side closed; the other is closed by the caller.
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
