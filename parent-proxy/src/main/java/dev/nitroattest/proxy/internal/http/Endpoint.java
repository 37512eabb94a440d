package dev.nitroattest.proxy.internal.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One resource of the API, reached once the router has checked its path and method. */
sealed interface Endpoint permits AttestationEndpoint, HealthEndpoint, MetricsEndpoint {

    /** Answers the request, now or later; completes the callback exactly once. */
    void serve(Request request, Response response, Callback callback);
}
