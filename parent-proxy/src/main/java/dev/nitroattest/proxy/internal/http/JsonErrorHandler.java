package dev.nitroattest.proxy.internal.http;

import dev.nitroattest.proxy.internal.metrics.ProxyMetrics;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed HTTP request, headers too large, a handler failure) as the API's JSON errors
 * instead of HTML pages, and never with a stack trace. Requests Jetty refused before any handler saw them are
 * counted here, under the endpoint {@code other}; a handler failure was already counted by {@link ApiHandler}.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private final ProxyMetrics metrics;

    public JsonErrorHandler(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object status = request.getAttribute(ERROR_STATUS);
        int code = status instanceof Integer number ? number : response.getStatus();
        Callback answered = request.getAttribute(ApiHandler.COUNTED) != null ? callback
                : ApiHandler.counting(callback, metrics, ApiHandler.OTHER, response, request.getBeginNanoTime());
        Replies.error(response, answered, errorFor(code), sentenceFor(code));
        return true;
    }

    private static ProxyError errorFor(int status) {
        return switch (status) {
            case 404 -> ProxyError.NOT_FOUND;
            case 405 -> ProxyError.METHOD_NOT_ALLOWED;
            case 413 -> ProxyError.BODY_TOO_LARGE;
            case 415 -> ProxyError.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ProxyError.HEADERS_TOO_LARGE;
            default -> status >= 400 && status < 500 ? ProxyError.BAD_REQUEST : ProxyError.INTERNAL;
        };
    }

    private static String sentenceFor(int status) {
        return switch (status) {
            case 431 -> "The request's headers are too large; send fewer or shorter headers.";
            case 413 -> "The request is too large; send a body of at most 16384 bytes.";
            default -> status >= 400 && status < 500
                    ? "The HTTP request is malformed (status " + status + "); send a well-formed HTTP/1.1 request."
                    : "The proxy failed to answer (status " + status + "); its log says why.";
        };
    }
}
