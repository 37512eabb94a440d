package dev.nitroattest.proxy;

import dev.nitroattest.vsock.ConnectEndpoint;
import dev.nitroattest.vsock.ListenEndpoint;
import dev.nitroattest.vsock.TcpEndpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One ingress: a TCP port on the parent whose every connection is copied, raw, to one port of the enclave (vsock, or
 * TCP in development). The proxy never reads what it copies: the enclave's application terminates TLS itself, so the
 * parent, which relays the bytes, can neither read nor answer them (see docs/attested-tls.md).
 *
 * @param listen where relying services connect: a TCP host and port on the parent
 * @param enclave the enclave application's port: {@code vsock:CID:PORT}, or {@code tcp:HOST:PORT} in development
 */
public record IngressRule(TcpEndpoint listen, ConnectEndpoint enclave) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

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
        String host = listen.host();
        boolean v4 = IPV4.matcher(host).matches();
        if (!host.contains(":") && !v4) {
            return false;
        }
        // A dotted quad with a part over 255 is no literal, and InetAddress would look it up as a name.
        for (String part : v4 ? host.split("\\.") : new String[0]) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return listen + "=" + enclave;
    }
}
