package dev.nitroattest.proxy.internal.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes a whole response at once: status, content type and length, no caching, the body. */
final class Replies {
    private Replies() {}

    static void send(Response response, Callback callback, int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        // Every answer is about this moment (a fresh document, the enclave's health now): nothing is reusable.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    static void error(Response response, Callback callback, ProxyError error, String message) {
        send(response, callback, error.status(), JsonBodies.CONTENT_TYPE, JsonBodies.error(error, message));
    }
}
