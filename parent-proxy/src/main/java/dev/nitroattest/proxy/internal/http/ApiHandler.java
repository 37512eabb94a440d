package dev.nitroattest.proxy.internal.http;

import dev.nitroattest.proxy.internal.enclave.EnclaveGateway;
import dev.nitroattest.proxy.internal.metrics.ProxyMetrics;
import dev.nitroattest.text.LineLog;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes by exact path and method, and counts every request in the metrics by endpoint, status and time: an answer
 * whose write failed (the client went away, or the request broke off before it was answered) is counted with the
 * status {@code aborted}. The endpoints never block a Jetty thread: the attestation and health endpoints finish on
 * the gateway's workers.
 */
public final class ApiHandler extends Handler.Abstract.NonBlocking {
    /** The endpoint label of requests for no route, and of those Jetty answers itself (see JsonErrorHandler). */
    static final String OTHER = "other";
    /** Marks a request this handler counts, so that an error page Jetty then makes for it is not counted again. */
    static final String COUNTED = ApiHandler.class.getName() + ".counted";

    private record Route(String method, String label, Endpoint endpoint) {}

    private final Map<String, Route> routes;
    private final ProxyMetrics metrics;

    public ApiHandler(EnclaveGateway gateway, ProxyMetrics metrics, LineLog log) {
        this.metrics = metrics;
        this.routes = Map.of(
                "/v1/attestation", new Route("POST", "attestation", new AttestationEndpoint(gateway, log)),
                "/healthz", new Route("GET", "healthz", new HealthEndpoint(gateway, log)),
                "/metrics", new Route("GET", "metrics", new MetricsEndpoint(metrics)));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        request.setAttribute(COUNTED, Boolean.TRUE);
        String path = Request.getPathInContext(request);
        Route route = routes.get(path);
        Callback counted = counted(callback, route == null ? OTHER : route.label(), response, start);
        if (route == null) {
            Replies.error(response, counted, ProxyError.NOT_FOUND, "There is nothing at " + path + "; the API has "
                    + "POST /v1/attestation, GET /healthz and GET /metrics.");
        } else if (!route.method().equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, route.method());
            Replies.error(response, counted, ProxyError.METHOD_NOT_ALLOWED, "Use " + route.method() + " for " + path
                    + ", not " + request.getMethod() + ".");
        } else {
            route.endpoint().serve(request, response, counted);
        }
        return true;
    }

    private Callback counted(Callback callback, String label, Response response, long start) {
        return counting(callback, metrics, label, response, start);
    }

    /** The callback, counting its request once it has been answered or has failed. */
    static Callback counting(Callback callback, ProxyMetrics metrics, String label, Response response, long start) {
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                metrics.request(label, response.getStatus(), System.nanoTime() - start);
                super.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                metrics.abortedRequest(label, System.nanoTime() - start);
                super.failed(failure);
            }
        };
    }
}
