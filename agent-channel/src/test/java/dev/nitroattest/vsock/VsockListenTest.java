package dev.nitroattest.vsock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nitroattest.linux.Errno;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Binding and listening on VMADDR_CID_ANY only: nothing here connects to any CID, because on the machines this
 * project is tested on, the vsock peer at CID 2 is the machine itself.
 */
// A separate thread: a test whose native call blocks (a socket left blocking) then fails instead of hanging.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VsockListenTest {

    private static Listener listenOrSkip(VsockListenEndpoint endpoint) throws Exception {
        try {
            return endpoint.listen(4);
        } catch (VsockException e) {
            assumeTrue(e.errno().number() != Errno.EAFNOSUPPORT,
                    "AF_VSOCK is not available here, so binding on CID_ANY cannot be tested: " + e.getMessage());
            throw e;
        }
    }

    @Test
    void bindsAndListensOnCidAnyWithAKernelChosenPort() throws Exception {
        try (Listener listener = listenOrSkip(VsockListenEndpoint.anyPort())) {
            VsockListenEndpoint bound = assertInstanceOf(VsockListenEndpoint.class, listener.endpoint());
            assertNotEquals(VsockAddress.PORT_ANY, bound.port(), "the kernel picked a port");
        }
    }

    @Test
    void aSecondListenerOnTheSamePortIsRefusedWithEaddrinuse() throws Exception {
        try (Listener first = listenOrSkip(VsockListenEndpoint.anyPort())) {
            VsockListenEndpoint taken = (VsockListenEndpoint) first.endpoint();
            VsockException e = assertThrows(VsockException.class, () -> taken.listen(4));
            assertEquals(Errno.EADDRINUSE, e.errno().number());
            assertEquals("Cannot listen on " + taken + ": Address already in use (EADDRINUSE).", e.getMessage());
        }
    }

    @Test
    void theListeningSocketIsNonBlockingAndCloseOnExec() throws Exception {
        Set<Integer> before = SocketFlags.sockets();
        Listener listener = listenOrSkip(VsockListenEndpoint.anyPort());
        try {
            Map<Integer, Integer> flags = SocketFlags.flagsOfSocketsSince(before);
            assertEquals(1, flags.size(), flags.toString());
            int value = flags.values().iterator().next();
            assertEquals(SocketFlags.O_NONBLOCK, value & SocketFlags.O_NONBLOCK, "O_NONBLOCK");
            assertEquals(SocketFlags.O_CLOEXEC, value & SocketFlags.O_CLOEXEC, "O_CLOEXEC");
        } finally {
            listener.close();
        }
    }

    @Test
    void anAcceptOnCidAnyWaitsNoLongerThanItsTimeout() throws Exception {
        VsockSocket socket;
        try {
            socket = VsockSocket.open();
        } catch (VsockException e) {
            assumeTrue(e.errno().number() != Errno.EAFNOSUPPORT, "AF_VSOCK is not available here: " + e.getMessage());
            throw e;
        }
        try (socket) {
            socket.bind(new VsockAddress(VsockAddress.CID_ANY, VsockAddress.PORT_ANY));
            socket.listen(4);
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> socket.accept(300));
            assertEquals("No vsock connection came within 300 ms.", e.getMessage());
        }
    }

    @Test
    void closingTheListenerEndsAWaitingAccept() throws Exception {
        Listener listener = listenOrSkip(VsockListenEndpoint.anyPort());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Connection> accepting = executor.submit(listener::accept);
            Thread.sleep(300);
            listener.close();
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> accepting.get(10, TimeUnit.SECONDS));
            assertInstanceOf(ListenerClosedException.class, e.getCause());
            assertThrows(ListenerClosedException.class, listener::accept);
        } finally {
            executor.shutdownNow();
        }
    }
}
