package dev.nitroattest.vsock;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A vsock address: context id and port, both u32. Encodes to {@code struct sockaddr_vm}, 16 bytes: u16 family (40),
 * u16 reserved, u32 port, u32 cid (little-endian on x86_64 and aarch64), u8 flags, 3 zero bytes.
 */
public record VsockAddress(long cid, long port) {
    /** VMADDR_CID_ANY: every local context, for listening. */
    public static final long CID_ANY = 0xffffffffL;
    /** The host; on the machines this project is built on, that is the build machine itself. */
    public static final long CID_HOST = 2;
    /** The Nitro parent instance, as seen from an enclave. */
    public static final long CID_PARENT = 3;
    /** VMADDR_PORT_ANY: a port the kernel picks. */
    public static final long PORT_ANY = 0xffffffffL;
    static final int AF_VSOCK = 40;
    static final int SOCKADDR_SIZE = 16;

    /** Checks the CID and port. */
    public VsockAddress {
        checkU32(cid, "CID");
        checkU32(port, "port");
    }

    /** The 16-byte {@code struct sockaddr_vm}. */
    public byte[] toSockaddr() {
        return ByteBuffer.allocate(SOCKADDR_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) AF_VSOCK)
                .putShort((short) 0)
                .putInt((int) port)
                .putInt((int) cid)
                .array();
    }

    /**
     * Reads a {@code struct sockaddr_vm}.
     *
     * @throws IllegalArgumentException if it is not 16 bytes of family AF_VSOCK
     */
    public static VsockAddress fromSockaddr(byte[] sockaddr) {
        if (sockaddr.length != SOCKADDR_SIZE) {
            throw new IllegalArgumentException("A sockaddr_vm is 16 bytes; " + sockaddr.length + " were given.");
        }
        ByteBuffer buffer = ByteBuffer.wrap(sockaddr).order(ByteOrder.LITTLE_ENDIAN);
        int family = Short.toUnsignedInt(buffer.getShort(0));
        if (family != AF_VSOCK) {
            throw new IllegalArgumentException("The address family is " + family + ", not AF_VSOCK (40).");
        }
        return new VsockAddress(Integer.toUnsignedLong(buffer.getInt(8)), Integer.toUnsignedLong(buffer.getInt(4)));
    }

    static void checkU32(long value, String what) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("A vsock " + what + " is a 32-bit unsigned number; " + value
                    + " was given.");
        }
    }

    @Override
    public String toString() {
        return cid + ":" + port;
    }
}
