package dev.nitroattest.proxy.internal.http;

import dev.nitroattest.proxy.internal.metrics.ProxyMetrics;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /metrics}: the Prometheus text format. */
final class MetricsEndpoint implements Endpoint {
    private final ProxyMetrics metrics;

    MetricsEndpoint(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void serve(Request request, Response response, Callback callback) {
        Replies.send(response, callback, 200, ProxyMetrics.contentType(),
                metrics.render().getBytes(StandardCharsets.UTF_8));
    }
}
