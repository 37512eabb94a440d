package dev.nitroattest.proxy.internal.http;

import dev.nitroattest.proxy.internal.enclave.EnclaveGateway;
import dev.nitroattest.proxy.internal.enclave.EnclaveHealth;
import dev.nitroattest.text.LineLog;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /healthz}: 200 when the agent answers its health operation, 503 otherwise, JSON both ways. Whoever can
 * reach the port can ask, so the answer names neither the agent's endpoint nor how a connection failed; the log does.
 * Logs only changes of state, since a load balancer asks every few seconds.
 */
final class HealthEndpoint implements Endpoint {
    private final EnclaveGateway gateway;
    private final LineLog log;
    private final AtomicReference<Boolean> lastHealthy = new AtomicReference<>();

    HealthEndpoint(EnclaveGateway gateway, LineLog log) {
        this.gateway = gateway;
        this.log = log;
    }

    @Override
    public void serve(Request request, Response response, Callback callback) {
        gateway.health().thenAccept(health -> {
            try {
                answer(response, callback, health);
            } catch (RuntimeException e) {
                callback.failed(e);
            }
        });
    }

    private void answer(Response response, Callback callback, EnclaveHealth health) {
        Boolean previous = lastHealthy.getAndSet(health.healthy());
        if (previous == null || previous != health.healthy()) {
            log.line(health.healthy() ? "enclave agent at " + gateway.enclave() + " is healthy"
                    : "enclave agent is unhealthy: " + health.detail());
        }
        Replies.send(response, callback, health.healthy() ? 200 : 503, JsonBodies.CONTENT_TYPE,
                JsonBodies.health(health.healthy(), health.message()));
    }
}
