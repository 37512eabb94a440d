package dev.nitroattest.tls.enclave;

import static dev.nitroattest.tls.enclave.AttestedIdentityTest.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nitroattest.nsm.NsmClient;
import dev.nitroattest.nsm.emulated.EmulatedNsm;
import dev.nitroattest.tls.AttestedTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Jetty serving HTTPS with the attested identity, handed over as a JDK SSLContext: what an enclave application does. */
@Timeout(60)
class JettyServerTest {
    @Test
    void jettyServesTheAttestedIdentityToTheJdkHttpClient() throws Exception {
        EmulatedNsm emulator = EmulatedNsm.builder().pcr(0, AttestedIdentityTest.PCR0).pcr(1, filled(0x22))
                .pcr(2, filled(0x33)).build();
        try (NsmClient nsm = new NsmClient(emulator); AttestedIdentity identity = AttestedIdentity.builder(nsm).create()) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setSslContext(identity.serverContext());
            Server server = new Server();
            // Jetty checks the SNI host name against the certificate's names by default; the attested certificate
            // names nothing (the document is the identity), so the check is off, as enclave-tls's README says.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            HttpConfiguration http = new HttpConfiguration();
            http.addCustomizer(secure);
            ServerConnector connector = new ServerConnector(server, tls, new HttpConnectionFactory(http));
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) {
                    response.setStatus(200);
                    Content.Sink.write(response, true, "hello from the enclave, through Jetty", callback);
                    return true;
                }
            });
            server.start();
            try {
                HttpClient client = HttpClient.newBuilder()
                        .sslContext(AttestedTls.clientContext(AttestedIdentityTest.verifierFor(emulator)))
                        .connectTimeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + connector.getLocalPort() + "/")).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("hello from the enclave, through Jetty", answer.body());
                assertEquals("TLSv1.3", answer.sslSession().orElseThrow().getProtocol());
            } finally {
                server.stop();
            }
        }
    }
}
