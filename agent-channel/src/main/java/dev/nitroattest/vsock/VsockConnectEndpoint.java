package dev.nitroattest.vsock;

import java.io.IOException;
import java.time.Duration;

/** {@code vsock:CID:PORT}: connect to this port of this context (the parent instance is CID 3). */
public record VsockConnectEndpoint(long cid, long port) implements ConnectEndpoint {

    /**
     * Checks the CID and port.
     *
     * @throws IllegalArgumentException for a CID or port that is not an unsigned 32-bit number, or the any-CID
     */
    public VsockConnectEndpoint {
        VsockAddress.checkU32(cid, "CID");
        VsockAddress.checkU32(port, "port");
        if (cid == VsockAddress.CID_ANY) {
            throw new IllegalArgumentException("CID " + cid + " means any CID, which is for listening; connect to a "
                    + "real CID such as 3 (the parent instance).");
        }
    }

    /** Connects within the timeout; with a zero timeout, the kernel's own vsock connect timeout (2 s) applies. */
    @Override
    public Connection connect(Duration timeout) throws IOException {
        VsockSocket socket = VsockSocket.open();
        try {
            socket.connect(new VsockAddress(cid, port), timeout);
            return new NativeConnection(socket.stream(), toString());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "vsock:" + cid + ":" + port;
    }
}
