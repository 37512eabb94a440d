package dev.nitroattest.vsock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nitroattest.linux.Errno;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The socket code vsock runs on, tested over TCP on 127.0.0.1: the same non-blocking calls, poll loops, deadlines and
 * errno handling, without connecting to any vsock CID. A socket left blocking would hang these tests (and fail them
 * by their timeout) where the code relies on EAGAIN.
 */
// A separate thread: a test whose native call blocks (a socket left blocking) then fails instead of hanging.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NativeSocketTest {
    private static final int AF_INET = 2;
    private static final int SOCKADDR_IN_SIZE = 16;
    private final List<NativeSocket> sockets = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void closeAll() {
        executor.shutdownNow();
        sockets.forEach(NativeSocket::close);
    }

    /** struct sockaddr_in for 127.0.0.1: the family in host order, the port in network order. */
    private static byte[] loopback(int port) {
        return ByteBuffer.allocate(SOCKADDR_IN_SIZE).order(ByteOrder.nativeOrder()).putShort((short) AF_INET)
                .order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(new byte[] {127, 0, 0, 1}).array();
    }

    private NativeSocket open() throws IOException {
        NativeSocket socket = NativeSocket.open(AF_INET, "tcp");
        sockets.add(socket);
        return socket;
    }

    /** A listening socket on 127.0.0.1 and its port. */
    private record Listening(NativeSocket socket, int port) {}

    private Listening listen(int backlog) throws IOException {
        NativeSocket socket = open();
        socket.bind(loopback(0), "127.0.0.1:0");
        socket.listen(backlog);
        ByteBuffer address = ByteBuffer.wrap(socket.localAddress(SOCKADDR_IN_SIZE));
        return new Listening(socket, Short.toUnsignedInt(address.getShort(2)));
    }

    private NativeSocket connect(int port) throws IOException {
        NativeSocket client = open();
        client.connect(loopback(port), "127.0.0.1:" + port, 5000);
        return client;
    }

    private NativeSocket accept(Listening listening) throws IOException {
        NativeSocket accepted = listening.socket().accept(SOCKADDR_IN_SIZE, 5000).socket();
        sockets.add(accepted);
        return accepted;
    }

    @Test
    void bytesGoBothWaysThroughConnectionsAndEndOfStreamReadsAsMinusOne() throws Exception {
        Listening listening = listen(4);
        Connection client = new NativeConnection(connect(listening.port()), "client");
        Connection server = new NativeConnection(accept(listening), "server");
        client.timeout(Duration.ofSeconds(5));
        server.timeout(Duration.ofSeconds(5));
        client.output().write(new byte[] {1, 2, 3, 4, 5});
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, server.input().readNBytes(5));
        byte[] large = new byte[1 << 20];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        Future<byte[]> received = executor.submit(() -> client.input().readNBytes(large.length));
        server.output().write(large);
        assertArrayEquals(large, received.get(20, TimeUnit.SECONDS), "1 MiB, far more than one send takes at once");
        client.shutdownOutput();
        assertEquals(-1, server.input().read());
    }

    @Test
    void acceptedAndConnectedSocketsAreNonBlockingAndCloseOnExec() throws Exception {
        Set<Integer> before = SocketFlags.sockets();
        Listening listening = listen(4);
        connect(listening.port());
        accept(listening);
        Map<Integer, Integer> flags = SocketFlags.flagsOfSocketsSince(before);
        assertEquals(3, flags.size(), flags.toString());
        flags.forEach((fd, value) -> {
            assertEquals(SocketFlags.O_NONBLOCK, value & SocketFlags.O_NONBLOCK, "O_NONBLOCK on fd " + fd);
            assertEquals(SocketFlags.O_CLOEXEC, value & SocketFlags.O_CLOEXEC, "O_CLOEXEC on fd " + fd);
        });
    }

    @Test
    void aReadWithNothingToReadTimesOut() throws Exception {
        Listening listening = listen(4);
        connect(listening.port());
        NativeSocket server = accept(listening);
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> server.read(new byte[1], 0, 1, 100));
        assertEquals("No tcp data came within 100 ms.", e.getMessage());
    }

    @Test
    void aWriteToAPeerThatStopsReadingIsCutOffAtItsDeadlineAndClosesTheSocket() throws Exception {
        Listening listening = listen(4);
        connect(listening.port());
        NativeSocket server = accept(listening);
        byte[] more = new byte[64 << 20];
        // 64 MiB is far more than the kernel buffers of both ends hold, so the write has to wait for the peer.
        SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                () -> server.write(more, 0, more.length, 300));
        assertEquals("The tcp peer did not take the data within 300 ms.", e.getMessage());
        SocketException after = assertThrows(SocketException.class, () -> server.write(new byte[1], 0, 1, 300));
        assertEquals("The tcp socket is closed.", after.getMessage());
    }

    @Test
    void closingASocketEndsAReadWaitingOnItWithoutATimeout() throws Exception {
        Listening listening = listen(4);
        connect(listening.port());
        NativeSocket server = accept(listening);
        Future<Integer> reading = executor.submit(() -> server.read(new byte[1], 0, 1, 0));
        Thread.sleep(300);
        assertFalse(reading.isDone(), "the read waits: nothing was sent");
        server.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> reading.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketException.class, e.getCause());
    }

    @Test
    void closingAListeningSocketEndsAnAcceptWaitingOnIt() throws Exception {
        Listening listening = listen(4);
        Future<NativeSocket.Accepted> accepting = executor.submit(
                () -> listening.socket().accept(SOCKADDR_IN_SIZE, 0));
        Thread.sleep(300);
        assertFalse(accepting.isDone(), "the accept waits: nobody connected");
        listening.socket().close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> accepting.get(10, TimeUnit.SECONDS));
        assertEquals("The tcp socket was closed.", e.getCause().getMessage());
    }

    @Test
    void connectingWhereNobodyListensIsRefusedWithItsErrno() throws Exception {
        NativeSocket unused = open();
        unused.bind(loopback(0), "127.0.0.1:0");
        int port = Short.toUnsignedInt(ByteBuffer.wrap(unused.localAddress(SOCKADDR_IN_SIZE)).getShort(2));
        VsockException e = assertThrows(VsockException.class,
                () -> open().connect(loopback(port), "127.0.0.1:" + port, 5000));
        assertEquals(Errno.ECONNREFUSED, e.errno().number());
        assertEquals("Cannot connect to tcp 127.0.0.1:" + port + ": Connection refused (ECONNREFUSED).",
                e.getMessage());
    }

    @Test
    void aConnectThatCannotFinishFailsAtItsTimeout() throws Exception {
        // A listener that never accepts, with the smallest backlog: once its queue is full the kernel drops further
        // connection requests, so those connects stay in progress until the timeout ends them.
        Listening listening = listen(0);
        SocketTimeoutException timedOut = null;
        for (int attempt = 0; attempt < 16 && timedOut == null; attempt++) {
            NativeSocket client = open();
            try {
                client.connect(loopback(listening.port()), "127.0.0.1:" + listening.port(), 300);
            } catch (SocketTimeoutException e) {
                timedOut = e;
            }
        }
        assertTrue(timedOut != null, "a connect to the full queue timed out");
        assertEquals("Cannot connect to tcp 127.0.0.1:" + listening.port() + " within 300 ms.", timedOut.getMessage());
    }
}
