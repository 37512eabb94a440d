package dev.nitroattest.testkit;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * A whole TLS handshake between two JSSE engines in memory, in this thread: no socket, no timing, and never a resumed
 * session (engines made without a peer host never resume), so each run checks the certificates afresh. For tests and
 * benchmarks of trust and key managers.
 */
public final class EngineHandshake {
    private EngineHandshake() {
    }

    /**
     * Runs a handshake between new engines of these contexts.
     *
     * @param client the client's context
     * @param server the server's context
     * @param needClientAuth whether the server requires a client certificate
     * @return the client's session
     * @throws SSLException what the first engine to fail threw
     */
    public static SSLSession run(SSLContext client, SSLContext server, boolean needClientAuth) throws SSLException {
        SSLEngine clientEngine = client.createSSLEngine();
        clientEngine.setUseClientMode(true);
        SSLEngine serverEngine = server.createSSLEngine();
        serverEngine.setUseClientMode(false);
        serverEngine.setNeedClientAuth(needClientAuth);
        return run(clientEngine, serverEngine);
    }

    /**
     * Runs a handshake between these engines, already set to client and server mode.
     *
     * @param client the client's engine
     * @param server the server's engine
     * @return the client's session
     * @throws SSLException what the first engine to fail threw
     */
    public static SSLSession run(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
        ByteBuffer clientApp = ByteBuffer.allocate(1 << 17);
        ByteBuffer serverApp = ByteBuffer.allocate(1 << 17);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 50; round++) {
            if (done(client) && done(server)) {
                return client.getSession();
            }
            client.wrap(empty, toServer);
            tasks(client);
            server.wrap(empty, toClient);
            tasks(server);
            toServer.flip();
            server.unwrap(toServer, serverApp);
            toServer.compact();
            tasks(server);
            toClient.flip();
            client.unwrap(toClient, clientApp);
            toClient.compact();
            tasks(client);
        }
        throw new AssertionError("the handshake did not finish in 50 rounds");
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void tasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }
}
