package dev.nitroattest.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's log lines, which the proxy's forwarder and the agent's bridge both write, and the events passed on. */
class RelayLogTest {

    @Test
    void refusedAndFailedConnectionsAreOneLineEachAndEveryEventGoesOn() throws Exception {
        List<String> lines = new ArrayList<>();
        Recorder counters = new Recorder();
        RelayLog log = new RelayLog("bridge tcp:127.0.0.1:8443=vsock:3:8000", lines::add, counters);

        log.refusedAtLimit("tcp:127.0.0.1:40000", 64);
        log.destinationFailed("tcp:127.0.0.1:40001", new IOException("Cannot connect to vsock 3:8000: ECONNRESET."));
        log.acceptFailed(new IOException("Too many open files"));
        log.stoppedBy(new OutOfMemoryError("unable to create native thread"));
        log.opened();
        log.toDestination(5);
        log.fromDestination(7);
        log.idleClosed();
        log.closed();

        assertEquals(List.of(
                "bridge tcp:127.0.0.1:8443=vsock:3:8000: refused a connection from tcp:127.0.0.1:40000: 64 connections "
                        + "are open already",
                "bridge tcp:127.0.0.1:8443=vsock:3:8000: closed the connection from tcp:127.0.0.1:40001: Cannot "
                        + "connect to vsock 3:8000: ECONNRESET.",
                "bridge tcp:127.0.0.1:8443=vsock:3:8000: accept failed: Too many open files",
                "bridge tcp:127.0.0.1:8443=vsock:3:8000: stopped: accepting connections failed: "
                        + "java.lang.OutOfMemoryError: unable to create native thread"), lines);
        assertEquals("refused tcp:127.0.0.1:40000 at 64", counters.await("refused"));
        counters.await("destination failed tcp:127.0.0.1:40001");
        counters.await("accept failed: Too many open files");
        counters.await("stopped by java.lang.OutOfMemoryError");
        counters.await("opened");
        counters.await("idle");
        counters.await("closed");
        assertEquals(5, counters.toDestination.sum());
        assertEquals(7, counters.fromDestination.sum());
    }
}
