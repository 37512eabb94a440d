package dev.nitroattest.proxy.testing;

import dev.nitroattest.proxy.HttpAddress;
import dev.nitroattest.proxy.ParentProxy;
import dev.nitroattest.proxy.ProxySettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/** A parent proxy on a free port of 127.0.0.1, and an HTTP client for it; its log lines are kept. */
public final class RunningProxy implements AutoCloseable {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final ParentProxy proxy;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CLIENT_TIMEOUT).build();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private RunningProxy(ProxySettings settings) throws IOException {
        this.proxy = ParentProxy.start(settings, log::add);
    }

    /** Starts a proxy in front of the agent, verifying with its emulator root and PCRs, after other settings. */
    public static RunningProxy inFrontOf(TestAgent agent, UnaryOperator<ProxySettings.Builder> more)
            throws IOException {
        return with(more.apply(ProxySettings.builder(agent.endpoint(), agent.verifier())));
    }

    public static RunningProxy inFrontOf(TestAgent agent) throws IOException {
        return inFrontOf(agent, settings -> settings);
    }

    /** Starts a proxy with these settings (its HTTP address is replaced by a free loopback port). */
    public static RunningProxy with(ProxySettings.Builder settings) throws IOException {
        return new RunningProxy(settings.http(new HttpAddress("127.0.0.1", 0)).build());
    }

    /** Starts a proxy with exactly these settings, which must listen on 127.0.0.1. */
    public static RunningProxy started(ProxySettings settings) throws IOException {
        return new RunningProxy(settings);
    }

    public int port() {
        return proxy.httpPort();
    }

    public ParentProxy proxy() {
        return proxy;
    }

    public List<String> log() {
        return log;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** POST /v1/attestation with a JSON body, accepting CBOR. */
    public HttpResponse<byte[]> attest(String json) throws IOException, InterruptedException {
        return attest(json, "application/cbor");
    }

    /** POST /v1/attestation with a JSON body and this Accept header. */
    public HttpResponse<byte[]> attest(String json, String accept) throws IOException, InterruptedException {
        return http.send(attestation(json, accept), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The same, without waiting for the answer. */
    public CompletableFuture<HttpResponse<byte[]>> attestLater(String json) {
        return http.sendAsync(attestation(json, "application/cbor"), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POST with any body and content type (null: none). */
    public HttpResponse<byte[]> post(String path, byte[] body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(CLIENT_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(CLIENT_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET, without waiting for the answer. */
    public CompletableFuture<HttpResponse<byte[]>> getLater(String path) {
        return http.sendAsync(HttpRequest.newBuilder(uri(path)).timeout(CLIENT_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body as text. */
    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        proxy.close();
    }

    private HttpRequest attestation(String json, String accept) {
        return HttpRequest.newBuilder(uri("/v1/attestation")).timeout(CLIENT_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
