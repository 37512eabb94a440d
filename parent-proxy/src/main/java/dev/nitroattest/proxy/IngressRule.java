package dev.nitroattest.proxy;

import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.util.Objects;

/**
 * One ingress: a TCP port on the parent whose every connection is copied, raw, to one port of the enclave (vsock, or
 * TCP in development). The proxy never reads what it copies: the enclave's application terminates TLS itself, so the
 * parent, which relays the bytes, can neither read nor answer them (see docs/attested-tls.md).
 *
 * @param listen where relying services connect: a TCP host and port on the parent
 * @param enclave the enclave application's port: {@code vsock:CID:PORT}, or {@code tcp:HOST:PORT} in development
 */
public record IngressRule(TcpEndpoint listen, ConnectEndpoint enclave) {

    public IngressRule {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(enclave, "enclave");
    }

    /**
     * Parses {@code tcp:HOST:PORT=ENCLAVE}, where ENCLAVE is {@code vsock:CID:PORT} or {@code tcp:HOST:PORT}.
     *
     * @throws IllegalArgumentException with one sentence saying what is wrong
     */
    public static IngressRule parse(String text) {
        int equals = text.indexOf('=');
        if (equals <= 0 || equals != text.lastIndexOf('=')) {
            throw new IllegalArgumentException("\"" + text + "\" is not tcp:HOST:PORT=ENCLAVE, e.g. "
                    + "tcp:127.0.0.1:8443=vsock:16:8443.");
        }
        ListenEndpoint listen = ListenEndpoint.parse(text.substring(0, equals));
        if (!(listen instanceof TcpEndpoint tcp)) {
            throw new IllegalArgumentException("\"" + text + "\" listens on " + listen + "; an ingress listens on TCP "
                    + "for relying services, e.g. tcp:127.0.0.1:8443=vsock:16:8443.");
        }
        return new IngressRule(tcp, ConnectEndpoint.parse(text.substring(equals + 1)));
    }

    /**
     * Whether the listener is on a loopback IP literal (127.0.0.0/8 or ::1), checked without any lookup. A name, even
     * {@code localhost}, is not: what it resolves to can change.
     */
    public boolean listensOnLoopback() {
        return listen.isLoopbackLiteral();
    }

    @Override
    public String toString() {
        return listen + "=" + enclave;
    }
}
