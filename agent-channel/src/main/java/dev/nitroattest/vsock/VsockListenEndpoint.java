package dev.nitroattest.vsock;

import dev.nitroattest.linux.Errno;
import java.io.IOException;

/** {@code vsock:PORT}: listen on this port on any CID (VMADDR_CID_ANY). */
public record VsockListenEndpoint(long port) implements ListenEndpoint {

    /**
     * Checks the port.
     *
     * @throws IllegalArgumentException for a port that is not an unsigned 32-bit number
     */
    public VsockListenEndpoint {
        VsockAddress.checkU32(port, "port");
    }

    /** Listens on a port the kernel picks (VMADDR_PORT_ANY); {@link Listener#endpoint()} tells which. */
    public static VsockListenEndpoint anyPort() {
        return new VsockListenEndpoint(VsockAddress.PORT_ANY);
    }

    @Override
    public Listener listen(int backlog) throws IOException {
        VsockSocket socket;
        try {
            socket = VsockSocket.open();
        } catch (VsockException e) {
            throw explained(e);
        }
        try {
            socket.bind(new VsockAddress(VsockAddress.CID_ANY, port));
            socket.listen(backlog);
            return new VsockListener(socket, new VsockListenEndpoint(socket.localAddress().port()));
        } catch (VsockException e) {
            socket.close();
            throw explained(e);
        }
    }

    private VsockException explained(VsockException e) {
        String hint = switch (e.errno().number()) {
            case Errno.EAFNOSUPPORT -> "; this system has no vsock support, so use a tcp: endpoint here";
            case Errno.EACCES -> "; vsock ports below 1024 need CAP_NET_BIND_SERVICE";
            default -> "";
        };
        return new VsockException(e.errno(), "Cannot listen on " + this + ": " + e.errno() + hint + ".");
    }

    @Override
    public String toString() {
        return "vsock:" + port;
    }
}
