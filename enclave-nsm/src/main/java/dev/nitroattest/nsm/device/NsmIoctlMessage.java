package dev.nitroattest.nsm.device;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 32-byte argument of the NSM ioctl: four little-endian u64, the request's address and length, then the
 * response buffer's address and capacity. The driver writes the response's actual length over the capacity.
 */
record NsmIoctlMessage(long requestAddress, long requestLength, long responseAddress, long responseLength) {
    static final int SIZE = 32;
    private static final int RESPONSE_LENGTH_OFFSET = 24;

    byte[] encode() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(requestAddress)
                .putLong(requestLength)
                .putLong(responseAddress)
                .putLong(responseLength)
                .array();
    }

    /** The response length the driver wrote back into a message. */
    static long responseLength(byte[] message) {
        return ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getLong(RESPONSE_LENGTH_OFFSET);
    }
}
