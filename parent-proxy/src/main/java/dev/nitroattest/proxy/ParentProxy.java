package dev.nitroattest.proxy;

import dev.nitroattest.proxy.internal.enclave.EnclaveGateway;
import dev.nitroattest.proxy.internal.forward.Forwarder;
import dev.nitroattest.proxy.internal.http.ApiHandler;
import dev.nitroattest.proxy.internal.http.JsonErrorHandler;
import dev.nitroattest.proxy.internal.ingress.Ingress;
import dev.nitroattest.proxy.internal.metrics.ProxyMetrics;
import dev.nitroattest.text.LineLog;
import dev.nitroattest.vsock.ListenEndpoint;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running parent proxy: the HTTP API in front of the enclave agent, the forwarder's listeners, and the ingress's
 * listeners towards the enclave's application.
 *
 * <pre>{@code
 * try (ParentProxy proxy = ParentProxy.start(settings, LineLog.to(System.err, "parent-proxy"))) {
 *     System.out.println("http://127.0.0.1:" + proxy.httpPort() + "/v1/attestation");
 * }
 * }</pre>
 */
public final class ParentProxy implements Closeable {
    /** HTTP threads only parse, route and write: the enclave work runs on the gateway's own workers. */
    private static final int HTTP_THREADS = 32;
    /** How long a keep-alive connection may sit unused, when the request timeout is short. */
    private static final Duration HTTP_KEEP_ALIVE = Duration.ofSeconds(30);
    /**
     * Jetty's idle timeout also runs while a request waits for the enclave; it must outlast the request timeout by
     * enough to write the 504, or a slow enclave would end in Jetty's own error instead of the proxy's answer.
     */
    private static final Duration HTTP_IDLE_MARGIN = Duration.ofSeconds(5);

    private final Server server;
    private final ServerConnector connector;
    private final EnclaveGateway gateway;
    private final List<Forwarder> forwarders;
    private final List<Ingress> ingresses;
    private final ProxyMetrics metrics;

    private ParentProxy(Server server, ServerConnector connector, EnclaveGateway gateway, List<Forwarder> forwarders,
            List<Ingress> ingresses, ProxyMetrics metrics) {
        this.server = server;
        this.connector = connector;
        this.gateway = gateway;
        this.forwarders = forwarders;
        this.ingresses = ingresses;
        this.metrics = metrics;
    }

    /**
     * Starts the forwarder's and the ingress's listeners and the HTTP API. The agent need not be up yet: requests get
     * 503 until it is.
     *
     * @throws IOException if an address cannot be listened on; whatever had started is stopped again
     */
    public static ParentProxy start(ProxySettings settings, LineLog log) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(log, "log");
        ProxyMetrics metrics = new ProxyMetrics();
        List<Forwarder> forwarders = new ArrayList<>();
        List<Ingress> ingresses = new ArrayList<>();
        EnclaveGateway gateway = new EnclaveGateway(settings.enclave(), settings.verifier(), settings.maxInFlight(),
                settings.requestTimeout(), metrics);
        try {
            for (ForwardRule rule : settings.forwards()) {
                forwarders.add(Forwarder.start(rule, settings.forwardLimits(), settings.forwardAccess(),
                        metrics.forwarder(rule.listen().toString()), log));
            }
            for (IngressRule rule : settings.ingress().rules()) {
                ingresses.add(Ingress.start(rule, settings.ingress(), metrics.ingress(rule.listen().toString()), log));
            }
            QueuedThreadPool threads = new QueuedThreadPool(HTTP_THREADS, 2);
            threads.setName("proxy-http");
            threads.setDaemon(true);
            Server server = new Server(threads);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
            ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
            connector.setHost(settings.http().host());
            connector.setPort(settings.http().port());
            connector.setIdleTimeout(httpIdleTimeout(settings.requestTimeout()).toMillis());
            server.addConnector(connector);
            // Past the cap Jetty stops accepting; new connections wait in the kernel's backlog until one closes.
            server.addBean(new NetworkConnectionLimit(settings.maxHttpConnections(), connector));
            server.setHandler(new ApiHandler(gateway, metrics, log));
            server.setErrorHandler(new JsonErrorHandler(metrics));
            server.setStopTimeout(0);
            startServer(server, settings.http());
            return new ParentProxy(server, connector, gateway, forwarders, ingresses, metrics);
        } catch (IOException | RuntimeException e) {
            forwarders.forEach(Forwarder::close);
            ingresses.forEach(Ingress::close);
            gateway.close();
            throw e;
        }
    }

    /** The HTTP port (the one the kernel picked, if port 0 was asked for). */
    public int httpPort() {
        return connector.getLocalPort();
    }

    /** Where each forwarder listener listens, in the order of the settings, with actual ports. */
    public List<ListenEndpoint> forwardEndpoints() {
        return forwarders.stream().map(Forwarder::endpoint).toList();
    }

    /** Where each ingress listener listens, in the order of the settings, with actual ports. */
    public List<ListenEndpoint> ingressEndpoints() {
        return ingresses.stream().map(Ingress::endpoint).toList();
    }

    /** The metrics as {@code GET /metrics} serves them. */
    public String metricsText() {
        return metrics.render();
    }

    /**
     * Stops the HTTP API (requests under way lose their answer), the forwarders, the ingress (its connections are
     * closed), and the agent connections.
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // Jetty's stop failing leaves threads that are daemons; the rest is closed regardless.
        }
        forwarders.forEach(Forwarder::close);
        ingresses.forEach(Ingress::close);
        gateway.close();
    }

    /** The HTTP connections' idle timeout: always longer than the request timeout. */
    static Duration httpIdleTimeout(Duration requestTimeout) {
        Duration outlasting = requestTimeout.plus(HTTP_IDLE_MARGIN);
        return outlasting.compareTo(HTTP_KEEP_ALIVE) > 0 ? outlasting : HTTP_KEEP_ALIVE;
    }

    private static void startServer(Server server, HttpAddress address) throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            stopQuietly(server);
            throw new IOException("Cannot listen for HTTP on " + address + ": " + e.getMessage() + ".", e);
        } catch (Exception e) {
            stopQuietly(server);
            throw new IOException("The HTTP server could not start on " + address + ": " + e.getMessage() + ".", e);
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // Startup already failed; that failure is the one to report.
        }
    }
}
